"""Freshness of the records beside their OIT items (O6, O10, O11, O12) in the workspace: how many
periods were published on time, late, or are missing (``disclosures/annotations.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core.thai_dates import thai_date
from prongsai.disclosures.annotations import Annotation, Note, register_item_annotations

from .calendar import ITEM_KINDS, kind_calendar

_STATUS = {"on_time": "pass", "late": "warn", "missing": "fail", "not_due": ""}


def records_annotations(assessment: Any, code: str | None = None) -> Mapping[str, Annotation]:
    codes = [code] if code else list(ITEM_KINDS)
    out: dict[str, Annotation] = {}
    for item_code in codes:
        kind = ITEM_KINDS.get(item_code or "")
        if kind is None:
            continue
        cal = kind_calendar(assessment.unit, assessment.year, kind)
        lines = tuple(
            Note(
                _STATUS[p.status],
                _("%(period)s: late (due %(due)s)")
                % {"period": p.row.label, "due": thai_date(p.row.due, short=True)}
                if p.status == "late"
                else _("%(period)s: missing (due %(due)s)")
                % {"period": p.row.label, "due": thai_date(p.row.due, short=True)},
            )
            for p in cal.periods
            if p.status in ("late", "missing")
        )
        out[item_code] = Annotation(
            name="records-calendar",
            status=_STATUS[cal.worst],
            label=_("Published: %(on_time)s on time, %(late)s late, %(missing)s missing")
            % {
                "on_time": cal.count("on_time"),
                "late": cal.count("late"),
                "missing": cal.count("missing"),
            },
            title=_("Publication calendar"),
            lines=lines,
            detail_url=reverse(
                "records:index", kwargs={"slug": assessment.unit.slug, "year": assessment.year}
            ),
        )
    return out


def register_annotations() -> None:
    register_item_annotations(records_annotations)

"""The pre-checker's integrity signal for parents' roll-ups: of the OIT items it has checked,
how many pass; the failing and warning ones are the items at risk. One query for every
assessment of the roll-up."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.integrity_signals import (
    IntegritySignal,
    SignalFigure,
    SignalQuery,
    register_signal,
)

from .models import ItemVerdict, Status


def items_not_at_risk(query: SignalQuery) -> Mapping[Any, SignalFigure]:
    counts = {
        row["work__assessment_id"]: row
        for row in ItemVerdict.objects.filter(work__assessment_id__in=query.assessment_ids)
        .values("work__assessment_id")
        .annotate(
            passing=Count("pk", filter=Q(status=Status.PASS)),
            at_risk=Count("pk", filter=~Q(status=Status.PASS)),
            checked=Count("pk"),
        )
        .order_by()
    }
    out = {}
    for pk in query.assessment_ids:
        row = counts.get(pk)
        out[pk] = (
            SignalFigure(done=row["passing"], expected=row["checked"], late=row["at_risk"])
            if row
            else SignalFigure(done=0, expected=0)
        )
    return out


def register_signals() -> None:
    register_signal(
        IntegritySignal(
            key="prechecks",
            label=_("OIT items passing the pre-check, of those checked"),
            behind_label=_("OIT items at risk in the pre-check"),
            figures=items_not_at_risk,
            order=25,
        )
    )

"""The records' integrity signal for parents' roll-ups: periods of O6, O10, O11 and O12 that
are due, published on time (late or missing ones are late). Two queries for every assessment
asked about: the units' due days and the first publication of each period."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.integrity_signals import (
    IntegritySignal,
    SignalFigure,
    SignalQuery,
    register_signal,
)
from prongsai.publications.models import Publication
from prongsai.publications.periods import due_date, periods_of

from .document_kinds import SERIES
from .models import DEFAULT_DUE_DAY, RecordsSettings


def records_on_time(query: SignalQuery) -> Mapping[Any, SignalFigure]:
    units = set(query.assessments.values())
    due_days = dict(
        RecordsSettings.objects.filter(unit_id__in=units).values_list("unit_id", "due_day")
    )
    names = {spec[0]: spec[3] for spec in SERIES.values()}  # series → cadence
    first = {
        (row["unit_id"], row["series"], row["period"]): row["first"]
        for row in Publication.objects.filter(
            unit_id__in=units, year=query.year, series__in=list(names)
        )
        .values("unit_id", "series", "period")
        .annotate(first=Min("published_at"))
    }
    periods = {name: periods_of(cadence, query.year) for name, cadence in names.items()}
    out: dict[Any, SignalFigure] = {}
    for pk, unit_id in query.assessments.items():
        day = due_days.get(unit_id, DEFAULT_DUE_DAY)
        done = expected = late = 0
        for name, codes in periods.items():
            for period in codes:
                due = due_date(query.year, period, due_day=day)
                published = first.get((unit_id, name, period))
                if published is None and query.today <= due:
                    continue  # not due yet
                expected += 1
                if published is not None and timezone.localtime(published).date() <= due:
                    done += 1
                else:
                    late += 1
        out[pk] = SignalFigure(done=done, expected=expected, late=late)
    return out


def register_signals() -> None:
    register_signal(
        IntegritySignal(
            key="records",
            label=_("Records published on time"),
            behind_label=_("Records published late or missing"),
            figures=records_on_time,
            order=50,
        )
    )

"""The publication calendar of a unit's records: per kind, each month (or quarter) with its due
day (``RecordsSettings.due_day`` of the following month, default the 15th), whether it was
published on time, late, is missing or not due yet (``publications.selectors.series_calendar``),
and whether there are records to publish."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from prongsai.organizations.models import Unit
from prongsai.publications.selectors import CalendarRow, series_calendar

from . import selectors
from .document_kinds import SERIES, SERIES_TITLES
from .periods import QUARTERS

KINDS = tuple(SERIES)  # operations, statistics, budget, fund
ITEM_KINDS = {spec[2]: kind for kind, spec in SERIES.items()}  # "O6" → "operations"


@dataclass(frozen=True)
class PeriodState:
    row: CalendarRow
    has_data: bool

    @property
    def period(self) -> str:
        return self.row.period

    @property
    def status(self) -> str:
        return self.row.status


@dataclass(frozen=True)
class KindCalendar:
    kind: str
    title: str
    item_code: str
    series: str
    periods: list[PeriodState]

    def count(self, status: str) -> int:
        return sum(1 for p in self.periods if p.status == status)

    @property
    def on_time_count(self) -> int:
        return self.count("on_time")

    @property
    def late_count(self) -> int:
        return self.count("late")

    @property
    def missing_count(self) -> int:
        return self.count("missing")

    @property
    def due(self) -> list[PeriodState]:
        return [p for p in self.periods if p.status != "not_due"]

    @property
    def worst(self) -> str:
        """missing > late > on_time > not_due, over the periods already due."""
        for status in ("missing", "late", "on_time"):
            if any(p.status == status for p in self.periods):
                return status
        return "not_due"


def periods_with_data(unit: Unit, year: int, kind: str) -> set[str]:
    if kind == "operations":
        return set(selectors.months_with_entries(unit, year))
    if kind == "statistics":
        return selectors.months_with_values(unit, year)
    if kind == "budget":
        return selectors.months_with_budget(unit, year)
    return set(selectors.fund_quarters(unit, year)) & set(QUARTERS)


def kind_calendar(
    unit: Unit, year: int, kind: str, *, today: dt.date | None = None
) -> KindCalendar:
    name, _slug, item, _cadence, _formats = SERIES[kind]
    rows = series_calendar(unit, year, name, today=today, due_day=selectors.due_day(unit))
    data = periods_with_data(unit, year, kind)
    return KindCalendar(
        kind=kind,
        title=str(SERIES_TITLES[kind]),
        item_code=item,
        series=name,
        periods=[PeriodState(row, row.period in data) for row in rows],
    )


def records_calendar(unit: Unit, year: int, *, today: dt.date | None = None) -> list[KindCalendar]:
    today = today or timezone.localdate()
    return [kind_calendar(unit, year, kind, today=today) for kind in KINDS]

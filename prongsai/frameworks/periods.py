"""Data periods of OIT items: what a framework writes, and the dates it means for one assessment.

A framework gives an item's data period (``items[].period``, or ``scoring.default_period`` for
every item without one) in one of two forms (``prongsai/frameworks/definitions/framework.schema.json``):

* **relative** — ``{fiscal_year: current | previous, months: N}``: the first ``N`` months (1–12;
  12, the whole year, when omitted) of the assessment's own fiscal year (``current``) or of the
  fiscal year before it (``previous``). ``{fiscal_year: previous}`` is 1 October – 30 September of
  the year before; ``{fiscal_year: current, months: 6}`` is 1 October – 31 March of this year.
* **fixed** — ``{start: "2022-10-01", end: "2023-03-31"}``: dates written for the framework's own
  fiscal year. An assessment of another fiscal year (a framework used again the next year) gets
  the same dates moved by the difference in years (29 February becomes 28 February).

Both forms take an optional ``note`` (th/en). :func:`resolve_period` turns either form into the
:class:`ResolvedPeriod` of one assessment; it is pure (no ORM), so scoring, pages and the evidence
pre-checker all read the same dates.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prongsai.core.thai_dates import FISCAL_YEAR_START_MONTH, fiscal_year_bounds
from prongsai.core.thai_dates import fiscal_year as fiscal_year_of

if TYPE_CHECKING:
    from .spec import Text

# fiscal_year keyword → years relative to the assessment's fiscal year
RELATIVE_YEARS = {"current": 0, "previous": -1}
MONTHS_IN_YEAR = 12


@dataclass(frozen=True)
class Period:
    """A period as the framework writes it: either relative or fixed (see the module text)."""

    start: dt.date | None = None
    end: dt.date | None = None
    fiscal_year: str | None = None  # "current" / "previous" (relative form)
    months: int | None = None  # first N months of that fiscal year (relative form)
    note: Text | None = None

    @property
    def is_relative(self) -> bool:
        return self.fiscal_year is not None


@dataclass(frozen=True)
class ResolvedPeriod:
    """The dates an item's data must cover in one assessment."""

    start: dt.date
    end: dt.date
    fiscal_year: int  # the Buddhist-era fiscal year the period lies in (by its start)
    relation: str  # "current", "previous" (to the assessment's fiscal year) or "other"
    months: int | None  # relative form: first N months; None for fixed dates
    note: Text | None = None
    inherited: bool = False  # True when it is the framework's default period

    @property
    def whole_year(self) -> bool:
        return self.months is None or self.months >= MONTHS_IN_YEAR

    def contains(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= start <= end <= self.end


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, monthrange(year, month)[1])


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def _relation(start: dt.date, end: dt.date, fiscal_year: int) -> tuple[int, str]:
    for name, offset in RELATIVE_YEARS.items():
        first, last = fiscal_year_bounds(fiscal_year + offset)
        if first <= start and end <= last:
            return fiscal_year + offset, name
    return fiscal_year_of(start), "other"


def resolve_period(
    period: Period, *, fiscal_year: int, framework_year: int, inherited: bool = False
) -> ResolvedPeriod:
    """The dates ``period`` means for an assessment of ``fiscal_year`` (Buddhist era) under a
    framework written for ``framework_year``."""
    if period.fiscal_year is not None:
        year = fiscal_year + RELATIVE_YEARS[period.fiscal_year]
        start, year_end = fiscal_year_bounds(year)
        months = period.months or MONTHS_IN_YEAR
        if months >= MONTHS_IN_YEAR:
            end = year_end
        else:
            index = FISCAL_YEAR_START_MONTH - 1 + months - 1  # 0-based month from January
            end = _month_end(start.year + index // MONTHS_IN_YEAR, index % MONTHS_IN_YEAR + 1)
        return ResolvedPeriod(
            start=start,
            end=end,
            fiscal_year=year,
            relation=period.fiscal_year,
            months=months,
            note=period.note,
            inherited=inherited,
        )
    if period.start is None or period.end is None:  # validation refuses this; be total anyway
        raise ValueError("a fixed period needs start and end")
    shift = fiscal_year - framework_year
    start, end = _shift_years(period.start, shift), _shift_years(period.end, shift)
    year, relation = _relation(start, end, fiscal_year)
    return ResolvedPeriod(
        start=start,
        end=end,
        fiscal_year=year,
        relation=relation,
        months=None,
        note=period.note,
        inherited=inherited,
    )

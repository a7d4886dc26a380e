"""The periods a published document covers, within one Buddhist-era fiscal year (Oct–Sep).

A period is a short code: ``"2566-10"`` (a month: Buddhist-era year and month), ``"q1"``–``"q4"``
(fiscal quarters: Oct–Dec, Jan–Mar, Apr–Jun, Jul–Sep), ``"h1"``/``"h2"`` (the two halves; the
six-month round is ``h1``) and ``"year"``. Pure: no ORM, no request.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from prongsai.core.thai_dates import (
    MONTHS_EN,
    MONTHS_TH,
    MONTHS_TH_SHORT,
    be_year,
    ce_year,
    fiscal_year_bounds,
)

CADENCES = ("month", "quarter", "half", "year")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_FIRST_MONTH = {1: 10, 2: 1, 3: 4, 4: 7}


class PeriodError(ValueError):
    """A period code that is not one of this fiscal year's (the message is Thai-ready text)."""


def fiscal_months(year: int) -> list[dt.date]:
    """The first day of each month of fiscal year ``year`` (Buddhist era), October first."""
    start, _end = fiscal_year_bounds(year)
    months = []
    for index in range(12):
        month = (start.month - 1 + index) % 12 + 1
        months.append(dt.date(start.year + (start.month - 1 + index) // 12, month, 1))
    return months


def month_code(day: dt.date) -> str:
    return f"{be_year(day.year)}-{day.month:02d}"


def periods_of(cadence: str, year: int) -> list[str]:
    """Every period of ``cadence`` in fiscal year ``year``, in order."""
    if cadence == "month":
        return [month_code(day) for day in fiscal_months(year)]
    if cadence == "quarter":
        return ["q1", "q2", "q3", "q4"]
    if cadence == "half":
        return ["h1", "h2"]
    if cadence == "year":
        return ["year"]
    raise PeriodError(f"unknown cadence {cadence!r}")


def cadence_of(period: str) -> str:
    if _MONTH.match(period):
        return "month"
    if period in ("q1", "q2", "q3", "q4"):
        return "quarter"
    if period in ("h1", "h2"):
        return "half"
    if period == "year":
        return "year"
    raise PeriodError(
        _("“%(period)s” is not a period (e.g. 2566-10, q1, h1, year).") % {"period": period}
    )


def period_range(year: int, period: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``period`` in fiscal year ``year``; PeriodError if not in it."""
    start, end = fiscal_year_bounds(year)
    cadence = cadence_of(period)
    if cadence == "year":
        return start, end
    if cadence == "half":
        middle = dt.date(ce_year(year), 3, 31)
        return (start, middle) if period == "h1" else (middle + dt.timedelta(days=1), end)
    if cadence == "quarter":
        first_month = _QUARTER_FIRST_MONTH[int(period[1])]
        first_year = start.year if first_month == 10 else start.year + 1
        last_month = first_month + 2
        return (
            dt.date(first_year, first_month, 1),
            dt.date(first_year, last_month, monthrange(first_year, last_month)[1]),
        )
    match = _MONTH.match(period)
    assert match is not None
    ce, month = ce_year(int(match.group(1))), int(match.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(_("“%(period)s” is not a month.") % {"period": period})
    first = dt.date(ce, month, 1)
    if not start <= first <= end:
        raise PeriodError(
            _("%(period)s is not a month of fiscal year %(year)s.")
            % {"period": period, "year": year}
        )
    return first, dt.date(ce, month, monthrange(ce, month)[1])


def period_label(year: int, period: str, *, short: bool = False) -> str:
    """``ตุลาคม 2566``; ``ไตรมาส 1 (ต.ค.–ธ.ค. 2566)``; in English when English is active."""
    first, last = period_range(year, period)
    english = (get_language() or "th").startswith("en")
    cadence = cadence_of(period)
    if cadence == "month":
        if english:
            return f"{MONTHS_EN[first.month - 1]} {first.year}"
        names = MONTHS_TH_SHORT if short else MONTHS_TH
        return f"{names[first.month - 1]} {be_year(first.year)}"
    if english:
        span = f"{MONTHS_EN[first.month - 1][:3]}–{MONTHS_EN[last.month - 1][:3]} {last.year}"
    else:
        span = (
            f"{MONTHS_TH_SHORT[first.month - 1]}–{MONTHS_TH_SHORT[last.month - 1]} "
            f"{be_year(last.year)}"
        )
    if cadence == "quarter":
        return _("Quarter %(number)s (%(span)s)") % {"number": period[1], "span": span}
    if cadence == "half":
        name = _("First half") if period == "h1" else _("Second half")
        return f"{name} ({span})"
    return _("Fiscal year %(year)s") % {"year": year}


def due_date(year: int, period: str, *, due_day: int = 15) -> dt.date:
    """When a period's document is due: ``due_day`` of the month after the period ends (the
    day is held to that month's length)."""
    _first, last = period_range(year, period)
    after = last + dt.timedelta(days=1)
    return dt.date(
        after.year, after.month, min(max(due_day, 1), monthrange(after.year, after.month)[1])
    )


__all__ = [
    "CADENCES",
    "MONTHS_TH",
    "PeriodError",
    "cadence_of",
    "due_date",
    "fiscal_months",
    "month_code",
    "period_label",
    "period_range",
    "periods_of",
]

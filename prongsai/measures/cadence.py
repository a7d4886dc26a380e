"""When a plan row is overdue, by its monitoring cadence (pure date arithmetic, no ORM).

* weekly: no update in the last 7 days;
* monthly: none this calendar month;
* quarterly: none this fiscal quarter (Oct–Dec, Jan–Mar, Apr–Jun, Jul–Sep);
* yearly: none this fiscal year;
* "whenever X happens" (free text) and rows without a cadence: never overdue by themselves.

Completed rows and rows whose period has not started yet are not overdue. For a fiscal year that
is over, the reference day is its last day, so a closed plan shows what was missing at the end.
"""

from __future__ import annotations

import datetime as dt

from prongsai.core.thai_dates import FISCAL_YEAR_START_MONTH, fiscal_year, fiscal_year_bounds

from .models import Cadence, Status


def fiscal_quarter_start(day: dt.date) -> dt.date:
    months_in = (day.month - FISCAL_YEAR_START_MONTH) % 12  # 0 for October
    start_month = (FISCAL_YEAR_START_MONTH - 1 + (months_in // 3) * 3) % 12 + 1
    year = day.year if start_month <= day.month else day.year - 1
    return dt.date(year, start_month, 1)


def current_period_start(cadence: str, as_of: dt.date) -> dt.date | None:
    """First day of the monitoring period that contains ``as_of``; None when not periodic."""
    if cadence == Cadence.WEEKLY:
        return as_of - dt.timedelta(days=6)
    if cadence == Cadence.MONTHLY:
        return as_of.replace(day=1)
    if cadence == Cadence.QUARTERLY:
        return fiscal_quarter_start(as_of)
    if cadence == Cadence.YEARLY:
        return fiscal_year_bounds(fiscal_year(as_of))[0]
    return None


def reference_day(year_be: int, today: dt.date) -> dt.date:
    """Today, or the last day of the assessment's fiscal year once that year is over."""
    start, end = fiscal_year_bounds(year_be)
    return min(max(today, start), end)


def overdue_since(
    *,
    cadence: str,
    status: str,
    period_start: dt.date | None,
    last_update: dt.date | None,
    as_of: dt.date,
) -> dt.date | None:
    """The start of the period that lacks an update, or None when the row is not overdue.

    An update dated on or after the period start counts, even if it is dated after ``as_of``
    (a late update for a closed year still settles it).
    """
    if status == Status.DONE:
        return None
    since = current_period_start(cadence, as_of)
    if since is None:
        return None
    if period_start is not None and period_start > as_of:
        return None
    if last_update is not None and last_update >= since:
        return None
    return since

"""Progress and overdue rules shared by every plan the product follows up (pure date arithmetic).

Extracted from the measures plan (``prongsai/measures/cadence.py`` re-exports it) so that the
bribery-risk treatments (``prongsai/risks``) follow the same rules instead of a second tracker:

* a thing is followed up by a **cadence**: weekly (no update in the last 7 days), monthly (none this
  calendar month), quarterly (none this fiscal quarter: Oct–Dec, Jan–Mar, Apr–Jun, Jul–Sep),
  yearly (none this fiscal year); any other value ("whenever X happens", none) is never overdue
  by itself;
* it may have a **due date**: past it and not done, it is overdue since the day after;
* done things and things whose period has not started yet are not overdue;
* for a fiscal year that is over, the reference day is its last day, so a closed plan shows what
  was missing at the end.

Statuses are the plain values ``not_started`` / ``in_progress`` / ``done`` (the apps' choices).
"""

from __future__ import annotations

import datetime as dt

from .thai_dates import FISCAL_YEAR_START_MONTH, fiscal_year, fiscal_year_bounds

WEEKLY, MONTHLY, QUARTERLY, YEARLY = "weekly", "monthly", "quarterly", "yearly"
NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"


def fiscal_quarter_start(day: dt.date) -> dt.date:
    months_in = (day.month - FISCAL_YEAR_START_MONTH) % 12  # 0 for October
    start_month = (FISCAL_YEAR_START_MONTH - 1 + (months_in // 3) * 3) % 12 + 1
    year = day.year if start_month <= day.month else day.year - 1
    return dt.date(year, start_month, 1)


def current_period_start(cadence: str, as_of: dt.date) -> dt.date | None:
    """First day of the monitoring period that contains ``as_of``; None when not periodic."""
    if cadence == WEEKLY:
        return as_of - dt.timedelta(days=6)
    if cadence == MONTHLY:
        return as_of.replace(day=1)
    if cadence == QUARTERLY:
        return fiscal_quarter_start(as_of)
    if cadence == YEARLY:
        return fiscal_year_bounds(fiscal_year(as_of))[0]
    return None


def reference_day(year_be: int, today: dt.date) -> dt.date:
    """Today, or the last day of the fiscal year once that year is over."""
    start, end = fiscal_year_bounds(year_be)
    return min(max(today, start), end)


def overdue_since(
    *,
    cadence: str,
    status: str,
    period_start: dt.date | None,
    last_update: dt.date | None,
    as_of: dt.date,
    due: dt.date | None = None,
) -> dt.date | None:
    """The day since which the thing is overdue, or None when it is not.

    Past its ``due`` date and not done: overdue since the day after it. Otherwise, by the cadence:
    the start of the period that lacks an update. An update dated on or after the period start
    counts, even if it is dated after ``as_of`` (a late update for a closed year still settles it).
    """
    if status == DONE:
        return None
    if period_start is not None and period_start > as_of:
        return None
    if due is not None and due < as_of:
        return due + dt.timedelta(days=1)
    since = current_period_start(cadence, as_of)
    if since is None:
        return None
    if last_update is not None and last_update >= since:
        return None
    return since

"""When a plan row is overdue, by its monitoring cadence: the product's one progress/overdue rule
(``prongsai/core/progress.py``, shared with the risk treatments), named here as the plan knows it.

* weekly: no update in the last 7 days;
* monthly: none this calendar month;
* quarterly: none this fiscal quarter (Oct–Dec, Jan–Mar, Apr–Jun, Jul–Sep);
* yearly: none this fiscal year;
* "whenever X happens" (free text) and rows without a cadence: never overdue by themselves.

Completed rows and rows whose period has not started yet are not overdue. For a fiscal year that
is over, the reference day is its last day, so a closed plan shows what was missing at the end.
"""

from __future__ import annotations

from prongsai.core.progress import (
    current_period_start,
    fiscal_quarter_start,
    overdue_since,
    reference_day,
)

__all__ = ["current_period_start", "fiscal_quarter_start", "overdue_since", "reference_day"]

"""The shared progress rule (core/progress.py, used by the measures plan and the risk
treatments): past its due date and not done, a thing is overdue since the day after; done, never."""

from __future__ import annotations

import datetime as dt

from prongsai.core.progress import overdue_since

DAY = dt.date(2024, 2, 20)


def test_past_the_due_date_and_not_done_is_overdue_since_the_day_after() -> None:
    since = overdue_since(
        cadence="",
        status="in_progress",
        period_start=None,
        last_update=DAY,
        as_of=DAY,
        due=dt.date(2024, 1, 31),
    )
    assert since == dt.date(2024, 2, 1)


def test_before_the_due_date_or_done_is_not_overdue() -> None:
    assert (
        overdue_since(
            cadence="",
            status="not_started",
            period_start=None,
            last_update=None,
            as_of=DAY,
            due=dt.date(2024, 3, 31),
        )
        is None
    )
    assert (
        overdue_since(
            cadence="monthly",
            status="done",
            period_start=None,
            last_update=None,
            as_of=DAY,
            due=dt.date(2024, 1, 31),
        )
        is None
    )


def test_without_a_due_date_the_cadence_rule_is_unchanged() -> None:
    assert overdue_since(
        cadence="monthly",
        status="in_progress",
        period_start=None,
        last_update=dt.date(2024, 1, 15),
        as_of=DAY,
    ) == dt.date(2024, 2, 1)

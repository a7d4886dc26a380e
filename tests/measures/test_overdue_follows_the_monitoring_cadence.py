"""A row is overdue when its monitoring period has no update: weekly = the last 7 days, monthly =
this calendar month, quarterly = this fiscal quarter, yearly = this fiscal year; free-text
cadences, completed rows and rows whose period has not begun are never overdue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from prongsai.measures.cadence import (
    current_period_start,
    fiscal_quarter_start,
    overdue_since,
    reference_day,
)
from prongsai.measures.selectors import overdue_rows

from .helpers import add_update, make_row

TODAY = dt.date(2024, 2, 20)


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (dt.date(2023, 10, 1), dt.date(2023, 10, 1)),
        (dt.date(2023, 12, 31), dt.date(2023, 10, 1)),
        (dt.date(2024, 1, 1), dt.date(2024, 1, 1)),
        (dt.date(2024, 3, 31), dt.date(2024, 1, 1)),
        (dt.date(2024, 5, 15), dt.date(2024, 4, 1)),
        (dt.date(2024, 9, 30), dt.date(2024, 7, 1)),
    ],
)
def test_fiscal_quarters_start_in_october_january_april_july(day: dt.date, start: dt.date) -> None:
    assert fiscal_quarter_start(day) == start


def test_each_cadence_has_its_period() -> None:
    assert current_period_start("weekly", TODAY) == dt.date(2024, 2, 14)
    assert current_period_start("monthly", TODAY) == dt.date(2024, 2, 1)
    assert current_period_start("quarterly", TODAY) == dt.date(2024, 1, 1)
    assert current_period_start("yearly", TODAY) == dt.date(2023, 10, 1)
    assert current_period_start("event", TODAY) is None
    assert current_period_start("", TODAY) is None


def _since(cadence: str, last: dt.date | None, **kw: Any) -> dt.date | None:
    return overdue_since(
        cadence=cadence,
        status=kw.get("status", "in_progress"),
        period_start=kw.get("period_start"),
        last_update=last,
        as_of=TODAY,
    )


def test_a_monthly_row_without_an_update_this_month_is_overdue() -> None:
    assert _since("monthly", None) == dt.date(2024, 2, 1)
    assert _since("monthly", dt.date(2024, 1, 31)) == dt.date(2024, 2, 1)
    assert _since("monthly", dt.date(2024, 2, 1)) is None


def test_a_weekly_row_needs_an_update_in_the_last_seven_days() -> None:
    assert _since("weekly", dt.date(2024, 2, 13)) == dt.date(2024, 2, 14)
    assert _since("weekly", dt.date(2024, 2, 14)) is None


def test_quarterly_and_yearly_rows_follow_the_fiscal_calendar() -> None:
    assert _since("quarterly", dt.date(2023, 12, 31)) == dt.date(2024, 1, 1)
    assert _since("quarterly", dt.date(2024, 1, 2)) is None
    assert _since("yearly", dt.date(2023, 9, 30)) == dt.date(2023, 10, 1)
    assert _since("yearly", dt.date(2023, 10, 2)) is None


def test_free_text_done_and_future_rows_are_never_overdue() -> None:
    assert _since("event", None) is None
    assert _since("monthly", None, status="done") is None
    assert _since("monthly", None, period_start=dt.date(2024, 3, 1)) is None


def test_a_closed_fiscal_year_is_judged_on_its_last_day() -> None:
    assert reference_day(2567, dt.date(2026, 11, 25)) == dt.date(2024, 9, 30)
    assert reference_day(2567, TODAY) == TODAY


def test_the_overdue_list_of_a_plan(assessment: Any) -> None:
    monthly = make_row(assessment, activity="รายเดือน", cadence="monthly")
    weekly = make_row(assessment, activity="รายสัปดาห์", cadence="weekly")
    make_row(assessment, activity="เมื่อมีเหตุ", cadence="event", cadence_text="ทุกครั้งที่มีการเปลี่ยนแปลง")
    make_row(assessment, activity="เสร็จแล้ว", cadence="monthly", status="done")
    add_update(weekly, date=dt.date(2024, 2, 18))
    add_update(monthly, date=dt.date(2024, 1, 25))

    overdue = {item.row.activity: item for item in overdue_rows(assessment, today=TODAY)}
    assert set(overdue) == {"รายเดือน"}
    assert overdue["รายเดือน"].since == dt.date(2024, 2, 1)
    assert overdue["รายเดือน"].last_update == dt.date(2024, 1, 25)

    add_update(monthly, date=dt.date(2024, 2, 19))
    assert overdue_rows(assessment, today=TODAY) == []

"""Period codes of a Buddhist-era fiscal year (Oct–Sep): their dates, Thai names and due days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from prongsai.publications.periods import (
    PeriodError,
    due_date,
    period_label,
    period_range,
    periods_of,
)


def test_the_months_of_a_fiscal_year_run_from_october() -> None:
    months = periods_of("month", 2567)
    assert months[0] == "2566-10" and months[-1] == "2567-09" and len(months) == 12
    assert period_range(2567, "2567-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_range(2567, "q1") == (dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    assert period_range(2567, "q4") == (dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    assert period_range(2567, "h1") == (dt.date(2023, 10, 1), dt.date(2024, 3, 31))
    assert period_range(2567, "year") == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


def test_thai_names() -> None:
    with translation.override("th"):
        assert period_label(2567, "2566-10") == "ตุลาคม 2566"
        assert "ต.ค.–ธ.ค. 2566" in period_label(2567, "q1")
    with translation.override("en"):
        assert period_label(2567, "2566-10") == "October 2023"


def test_a_month_outside_the_year_is_refused() -> None:
    for code in ("2567-10", "2566-09", "2566-13", "q5", "month"):
        with pytest.raises(PeriodError):
            period_range(2567, code)


def test_due_on_a_day_of_the_following_month() -> None:
    assert due_date(2567, "2566-10") == dt.date(2023, 11, 15)
    assert due_date(2567, "q2", due_day=31) == dt.date(2024, 4, 30)  # held to April's 30 days
    assert due_date(2567, "2567-09") == dt.date(2024, 10, 15)

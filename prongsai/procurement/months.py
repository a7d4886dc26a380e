"""Months and quarters of a Thai fiscal year (1 October – 30 September), as first days."""

from __future__ import annotations

import datetime as dt

from prongsai.core.thai_dates import MONTHS_TH, be_year, ce_year, thai_digits, thai_month_year


def fiscal_months(year: int) -> list[dt.date]:
    """The twelve months of fiscal year ``year`` (Buddhist era), October first."""
    start = ce_year(year) - 1
    return [dt.date(start + (9 + i) // 12, (9 + i) % 12 + 1, 1) for i in range(12)]


def quarter_months(year: int, quarter: int) -> list[dt.date]:
    return fiscal_months(year)[(quarter - 1) * 3 : quarter * 3]


def quarter_of(month: dt.date) -> int:
    return ((month.month - 10) % 12) // 3 + 1


def month_period(month: dt.date) -> str:
    """``2566-10``: the publication period of a month (Buddhist-era year)."""
    return f"{month.year + 543}-{month.month:02d}"


def month_of_period(period: str) -> dt.date:
    year, month = period.split("-")
    return dt.date(int(year) - 543, int(month), 1)


def month_end(month: dt.date) -> dt.date:
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def month_label(month: dt.date, *, short: bool = False, digits: bool = False) -> str:
    """``มีนาคม พ.ศ. 2567`` (the official forms' wording); short: ``มี.ค. 67``."""
    if short:
        return thai_month_year(month, short=True, digits=digits)
    text = f"{MONTHS_TH[month.month - 1]} พ.ศ. {be_year(month.year)}"
    return thai_digits(text) if digits else text

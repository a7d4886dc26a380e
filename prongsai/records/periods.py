"""Months and quarters of a Buddhist-era fiscal year, as the records name them.

A month is ``"2566-10"`` (Buddhist-era year-month, the publications' period key); a quarter is
``"q1"`` … ``"q4"`` (fiscal quarters: Oct–Dec, Jan–Mar, Apr–Jun, Jul–Sep).
"""

from __future__ import annotations

import datetime as dt
import re

from prongsai.core.thai_dates import (
    MONTHS_TH,
    MONTHS_TH_SHORT,
    arabic_digits,
    ce_year,
    thai_month_year,
)

QUARTERS = ("q1", "q2", "q3", "q4")
_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")


def fiscal_months(year: int) -> list[str]:
    """``2567`` → ``["2566-10", "2566-11", "2566-12", "2567-01", …, "2567-09"]``."""
    return [f"{year - 1}-{m:02d}" for m in (10, 11, 12)] + [f"{year}-{m:02d}" for m in range(1, 10)]


def month_first_day(month: str) -> dt.date:
    found = _MONTH_KEY.match(month)
    if not found:
        raise ValueError(month)
    return dt.date(ce_year(int(found.group(1))), int(found.group(2)), 1)


def month_label(month: str, *, short: bool = False) -> str:
    """``"2566-10"`` → ``"ตุลาคม 2566"`` (short: ``"ต.ค. 66"``), by ``core.thai_dates``."""
    return thai_month_year(month_first_day(month), short=short)


def quarter_of(month: str) -> str:
    """The fiscal quarter a month falls in."""
    number = int(month[5:])
    return QUARTERS[((number - 10) % 12) // 3]


def quarter_months(year: int, quarter: str) -> list[str]:
    index = QUARTERS.index(quarter)
    return fiscal_months(year)[index * 3 : index * 3 + 3]


def quarter_label(quarter: str) -> str:
    return f"ไตรมาสที่ {QUARTERS.index(quarter) + 1}"


def month_from_text(text: str, year: int) -> str | None:
    """A month of fiscal ``year`` from what people write: ``"2566-10"``, ``"10/2566"``,
    ``"ต.ค. 66"``, ``"ตุลาคม 2566"``, ``"ตุลาคม"`` (the fiscal year decides the calendar year),
    a date in the month. None when it is none of them or outside the year."""
    raw = " ".join(arabic_digits(str(text or "")).split())
    if not raw:
        return None
    months = fiscal_months(year)
    found = _MONTH_KEY.match(raw)
    if found and raw in months:
        return raw
    numeric = re.match(r"^(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$", raw)
    if numeric:
        number, be = int(numeric.group(1)), int(numeric.group(2))
        be = be + 2500 if be < 100 else be
        key = f"{be}-{number:02d}"
        return key if key in months else None
    iso = re.match(r"^(\d{4})-(\d{1,2})-\d{1,2}", raw)
    if iso:
        be = int(iso.group(1))
        be = be + 543 if be < 2400 else be
        key = f"{be}-{int(iso.group(2)):02d}"
        return key if key in months else None
    compact = raw.replace(" ", "").replace(".", "")
    for index in range(12):
        for names in (MONTHS_TH, MONTHS_TH_SHORT):
            name = names[index].replace(" ", "").replace(".", "")
            if compact.startswith(name):
                rest = compact[len(name) :]
                candidates = [m for m in months if int(m[5:]) == index + 1]
                if not rest:
                    return candidates[0] if candidates else None
                if rest.isdigit():
                    be = int(rest) + 2500 if len(rest) <= 2 else int(rest)
                    key = f"{be}-{index + 1:02d}"
                    return key if key in months else None
    return None


def quarter_from_text(text: str) -> str | None:
    """``"q1"``, ``"Q1"``, ``"1"``, ``"ไตรมาส 1"``, ``"ไตรมาสที่ ๑"`` → ``"q1"``."""
    raw = arabic_digits(str(text or "")).lower().replace(" ", "")
    for prefix in ("ไตรมาสที่", "ไตรมาส", "quarter", "q"):
        if raw.startswith(prefix):
            raw = raw[len(prefix) :]
            break
    if raw in ("1", "2", "3", "4"):
        return f"q{raw}"
    return None

"""Amounts, whole numbers, days and ranges of codes, read the way Thai offices type them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from prongsai.spreadsheets.cells import (
    CellError,
    expand_ranges,
    formula_escape,
    formula_unescape,
    parse_amount,
    parse_day,
    parse_integer,
)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,234.50", Decimal("1234.50")),
        ("๑,๒๓๔.๕๐", Decimal("1234.50")),
        ("1,234.50 บาท", Decimal("1234.50")),
        ("฿ 1 234.50", Decimal("1234.50")),
        ("(1,234.50)", Decimal("-1234.50")),
        ("-500", Decimal("-500")),
        ("12,500.-", Decimal("12500")),
        (1234.5, Decimal("1234.5")),
        (12, Decimal(12)),
    ],
)
def test_amounts(text: object, amount: Decimal) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["1.234,50", "12,34", "abc", "", "1" * 31, "1,2345"])
def test_what_is_not_an_amount_is_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_amount(text)


def test_whole_numbers() -> None:
    assert parse_integer("๑,๒๐๐") == 1200
    with pytest.raises(CellError):
        parse_integer("1.5")


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-02-15", dt.date(2024, 2, 15)),
        ("2567-02-15", dt.date(2024, 2, 15)),
        ("15/02/2567", dt.date(2024, 2, 15)),
        ("15/2/67", dt.date(2024, 2, 15)),
        ("15.02.2567", dt.date(2024, 2, 15)),
        ("๑๕/๐๒/๒๕๖๗", dt.date(2024, 2, 15)),
        ("15 ก.พ. 67", dt.date(2024, 2, 15)),
        ("15 กุมภาพันธ์ 2567", dt.date(2024, 2, 15)),
        ("2024-02-15 09:30:00", dt.date(2024, 2, 15)),
        (dt.datetime(2024, 2, 15, 9, 30), dt.date(2024, 2, 15)),
    ],
)
def test_days(value: object, day: dt.date) -> None:
    assert parse_day(value) == day


@pytest.mark.parametrize("text", ["31/02/2567", "เมื่อวาน", "", "2567-13-01"])
def test_what_is_not_a_day_is_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_day(text)


CODE = re.compile(r"[Oo](\d{1,2})")
KNOWN = [f"O{n}" for n in range(1, 25)]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("O1 ถึง O4", ["O1", "O2", "O3", "O4"]),
        ("O1–O3", ["O1", "O2", "O3"]),
        ("O1-O3, O9", ["O1", "O2", "O3", "O9"]),
        ("O๒ to O๓", ["O2", "O3"]),
        ("O5 และ O7", ["O5", "O7"]),
    ],
)
def test_ranges_of_codes(text: str, codes: list[str]) -> None:
    found = expand_ranges(text, code=CODE, known=KNOWN, normalise=lambda m: f"O{int(m.group(1))}")
    assert found == codes


@pytest.mark.parametrize("text", ["=1+2", "+66", "-x", "@A1", "\tx", "'=x", "''-y", "ok", "'ok"])
def test_formula_escaping_round_trips(text: str) -> None:
    escaped = formula_escape(text)
    assert not escaped.startswith(("=", "+", "-", "@", "\t"))
    assert formula_unescape(escaped) == text

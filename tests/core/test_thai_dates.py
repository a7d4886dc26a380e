import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from prongsai.core.thai_dates import (
    fiscal_year,
    fiscal_year_bounds,
    parse_thai_date,
    thai_date,
    thai_digits,
)


def test_long_and_short_buddhist_era_dates() -> None:
    day = dt.date(2024, 1, 25)
    assert thai_date(day) == "25 มกราคม 2567"
    assert thai_date(day, short=True) == "25 ม.ค. 67"
    assert thai_date(day, short=True, digits=True) == "๒๕ ม.ค. ๖๗"


def test_thai_digits() -> None:
    assert thai_digits("ที่ 5/2567") == "ที่ ๕/๒๕๖๗"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2023, 9, 30), 2566),
        (dt.date(2023, 10, 1), 2567),
        (dt.date(2024, 3, 31), 2567),
        (dt.date(2024, 9, 30), 2567),
        (dt.date(2024, 10, 1), 2568),
    ],
)
def test_fiscal_year_runs_october_to_september(day: dt.date, year: int) -> None:
    assert fiscal_year(day) == year


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(2567) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๑ ต.ค. ๖๖", dt.date(2023, 10, 1)),
        ("1 ต.ค.66", dt.date(2023, 10, 1)),
        ("31 มี.ค. 2567", dt.date(2024, 3, 31)),
        ("2 มกราคม 2567", dt.date(2024, 1, 2)),
        ("2024-01-02", dt.date(2024, 1, 2)),
    ],
)
def test_parses_thai_dates_as_people_write_them(text: str, expected: dt.date) -> None:
    assert parse_thai_date(text) == expected


def test_refuses_what_is_not_a_date() -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_thai_date("ทุกวัน")


def test_template_filter_follows_the_interface_language() -> None:
    template = Template("{{ d|thai_date }}|{{ d|thai_date:'short' }}")
    context = Context({"d": dt.date(2024, 1, 25)})
    with translation.override("th"):
        assert template.render(context) == "25 มกราคม 2567|25 ม.ค. 67"
    with translation.override("en"):
        assert template.render(context).startswith("25 January 2024")

"""An item's data period resolves to dates for the assessment's own fiscal year: relative periods
("the previous fiscal year", "the first six months") move with the year, fixed dates move by the
difference between the assessment's year and the framework's."""

from __future__ import annotations

import datetime as dt

import pytest

from prongsai.frameworks.loader import read_definition
from prongsai.frameworks.periods import Period, resolve_period
from prongsai.frameworks.shipped import definitions_dir
from prongsai.frameworks.spec import FrameworkSpec

DEFINITIONS = definitions_dir()


def _spec(name: str) -> FrameworkSpec:
    data, problems = read_definition(DEFINITIONS / f"{name}.yaml")
    assert not problems
    return FrameworkSpec.from_definition(data)


@pytest.mark.parametrize(
    ("year", "code", "start", "end", "fiscal_year", "relation"),
    [
        # 2569: O12 (procurement of 2568) and O18 (complaints of 2568) cover the previous year.
        (2569, "O12", dt.date(2024, 10, 1), dt.date(2025, 9, 30), 2568, "previous"),
        (2569, "O18", dt.date(2024, 10, 1), dt.date(2025, 9, 30), 2568, "previous"),
        (2569, "O11", dt.date(2025, 10, 1), dt.date(2026, 9, 30), 2569, "current"),
        # The same framework used for 2570: everything moves on by one year.
        (2570, "O12", dt.date(2025, 10, 1), dt.date(2026, 9, 30), 2569, "previous"),
        (2570, "O11", dt.date(2026, 10, 1), dt.date(2027, 9, 30), 2570, "current"),
        # Items without their own period take the framework's default (current year).
        (2570, "O1", dt.date(2026, 10, 1), dt.date(2027, 9, 30), 2570, "current"),
    ],
)
def test_2569_general_periods_resolve_for_the_assessment_year(
    year: int, code: str, start: dt.date, end: dt.date, fiscal_year: int, relation: str
) -> None:
    period = _spec("ita-2569-general").item_period_for(code, year)
    assert period is not None
    assert (period.start, period.end) == (start, end)
    assert (period.fiscal_year, period.relation) == (fiscal_year, relation)
    assert period.whole_year


def test_inherited_periods_say_so() -> None:
    spec = _spec("ita-2569-general")
    o1, o12 = spec.item_period_for("O1", 2569), spec.item_period_for("O12", 2569)
    assert o1 is not None and o1.inherited
    assert o12 is not None and not o12.inherited
    assert set(spec.item_periods_for(2569)) == {f"O{n}" for n in range(1, 27)}


@pytest.mark.parametrize(
    ("months", "end"),
    [
        (1, dt.date(2023, 10, 31)),
        (3, dt.date(2023, 12, 31)),
        (4, dt.date(2024, 1, 31)),
        (5, dt.date(2024, 2, 29)),  # 2567 (2024) has a 29 February
        (6, dt.date(2024, 3, 31)),
        (12, dt.date(2024, 9, 30)),
    ],
)
def test_the_first_months_of_a_fiscal_year(months: int, end: dt.date) -> None:
    resolved = resolve_period(
        Period(fiscal_year="current", months=months), fiscal_year=2567, framework_year=2569
    )
    assert (resolved.start, resolved.end) == (dt.date(2023, 10, 1), end)
    assert resolved.months == months and resolved.whole_year == (months == 12)


def test_the_first_six_months_of_the_previous_year() -> None:
    resolved = resolve_period(
        Period(fiscal_year="previous", months=6), fiscal_year=2570, framework_year=2569
    )
    assert (resolved.start, resolved.end) == (dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    assert (resolved.fiscal_year, resolved.relation) == (2569, "previous")


def test_fixed_dates_hold_in_their_own_year_and_move_with_another() -> None:
    spec = _spec("ita-2566-general")
    own = spec.item_period_for("O13", 2566)  # the annual report of 2565
    assert own is not None
    assert (own.start, own.end, own.relation) == (
        dt.date(2021, 10, 1),
        dt.date(2022, 9, 30),
        "previous",
    )
    later = spec.item_period_for("O13", 2569)
    assert later is not None
    assert (later.start, later.end, later.fiscal_year) == (
        dt.date(2024, 10, 1),
        dt.date(2025, 9, 30),
        2568,
    )
    first_half = spec.item_period_for("O1", 2569)  # the default: first six months
    assert first_half is not None
    assert (first_half.start, first_half.end, first_half.relation) == (
        dt.date(2025, 10, 1),
        dt.date(2026, 3, 31),
        "current",
    )


def test_a_leap_day_moves_to_the_28th() -> None:
    resolved = resolve_period(
        Period(start=dt.date(2023, 10, 1), end=dt.date(2024, 2, 29)),
        fiscal_year=2568,
        framework_year=2567,
    )
    assert resolved.end == dt.date(2025, 2, 28)


def test_fixed_dates_outside_both_years_are_other() -> None:
    resolved = resolve_period(
        Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31)),
        fiscal_year=2567,
        framework_year=2567,
    )
    assert resolved.relation == "other"

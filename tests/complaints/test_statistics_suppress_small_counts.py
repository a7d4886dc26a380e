"""Public O16 statistics: counts below the threshold show as "< 5", no published total reveals a
hidden cell by subtraction, a period without complaints says so, and the median times come from
the cases' history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.complaints import services
from prongsai.complaints.models import Complaint
from prongsai.complaints.selectors import complaint_statistics, statistic_lines
from prongsai.complaints.statistics import Line, Shown, suppress

from ..conftest import Personas, Tree
from .helpers import make_case

T = 5


def _hidden_per_line(table: Any, lines: list[Line]) -> list[int]:
    return [
        sum(1 for key in (line.total, *line.parts) if table.shown[key] is not Shown.VALUE)
        for line in lines
    ]


def test_a_single_small_cell_is_not_left_alone_in_its_line() -> None:
    line = Line("total", ("a", "b", "c"))
    table = suppress({"total": 20, "a": 12, "b": 6, "c": 2}, [line], threshold=T)
    assert table.display("c", T) == "< 5"
    assert table.display("b", T) == "–"  # hidden too: 20 − 12 − 6 would give c
    assert table.display("a", T) == "12" and table.display("total", T) == "20"


def test_one_small_cell_beside_a_five_is_not_pinned_down() -> None:
    # 1 hidden beside a hidden 5 adds up to 6: "< 5" is at least 1, "–" at least 5 → 1 and 5.
    line = Line("total", ("a", "b", "c"))
    table = suppress({"total": 26, "a": 20, "b": 5, "c": 1}, [line], threshold=T)
    assert table.shown["a"] is Shown.HIDDEN


def test_a_hidden_zero_beside_a_shown_total_is_left_alone() -> None:
    line = Line("total", ("a", "b"))
    table = suppress({"total": 7, "a": 7, "b": 0}, [line], threshold=T)
    assert table.display("a", T) == "7" and table.display("b", T) == "< 5"


def test_two_small_cells_that_must_both_be_four_are_not_left_alone() -> None:
    line = Line("total", ("a", "b", "c"))
    table = suppress({"total": 18, "a": 10, "b": 4, "c": 4}, [line], threshold=T)
    # b and c are "< 5" and add up to 8: each would have to be 4.
    assert table.shown["a"] is Shown.HIDDEN


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=12, max_size=12))
def test_no_line_of_the_published_tables_has_exactly_one_hidden_cell(months: list[int]) -> None:
    """Random monthly counts, one category each month, summed up the way the page sums them."""
    values: dict[str, int] = {}
    lines = statistic_lines()
    keys = {key for line in lines for key in (line.total, *line.parts)}
    values = dict.fromkeys(keys, 0)
    for index, count in enumerate(months, start=1):
        periods = [f"m{index}", f"q{(index - 1) // 3 + 1}", "r12"] + (["r6"] if index <= 6 else [])
        for p in periods:
            values[f"{p}:received"] += count
            values[f"{p}:cat:bribery"] += count
            values[f"{p}:in_progress"] += count
    empty = [p.split(":")[0] for p in keys if p.endswith(":received") and values[p] == 0]
    table = suppress(
        values,
        lines,
        threshold=T,
        explicit_zero=[k for k in keys if k.split(":")[0] in empty],
    )
    for line, hidden in zip(lines, _hidden_per_line(table, lines), strict=True):
        if hidden == 1:  # only a zero may be left alone (it singles nobody out)
            lone = next(k for k in (line.total, *line.parts) if table.shown[k] is not Shown.VALUE)
            assert values[lone] == 0, (line, lone)
    for key, value in values.items():
        if 0 < value < T:
            assert table.shown[key] is not Shown.VALUE, key


def test_a_year_without_complaints_says_so_on_every_row(tree: Tree, client: Any) -> None:
    page = client.get(
        reverse("complaints:statistics", kwargs={"slug": tree.unit.slug}) + "?year=2567"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-testid="no-complaints"') == 18  # 12 months, 4 quarters, 2 rounds
    assert "ไม่มีเรื่องร้องเรียน" in html


def test_small_months_are_suppressed_on_the_page_and_in_the_csv(tree: Tree, client: Any) -> None:
    for _ in range(2):
        complaint, _code = make_case(tree.unit, category="bribery")
        Complaint.objects.filter(pk=complaint.pk).update(
            received_at=dt.datetime(2024, 1, 10, 10, tzinfo=dt.UTC)
        )
    url = reverse("complaints:statistics", kwargs={"slug": tree.unit.slug})
    data = complaint_statistics(tree.unit, 2567)
    january = next(row for row in data.rows if row.key == "m4")
    assert january.cells["received"] == "< 5"
    assert january.cells["cat:bribery"] == "< 5"
    csv = client.get(url + "?year=2567&format=csv")
    assert csv.status_code == 200 and "attachment" in csv["Content-Disposition"]
    text = csv.content.decode("utf-8-sig")
    assert "< 5" in text and "ไม่มีเรื่องร้องเรียน" in text
    assert ",2," not in text
    json_data = client.get(url + "?year=2567&format=json").json()
    rows = {row["period"]: row for row in json_data["periods"]}
    assert rows["m4"]["received"] == "< 5" and rows["m5"]["no_complaints"] is True


def test_median_days_come_from_the_case_history(tree: Tree, people: Personas) -> None:
    received = dt.datetime(2024, 1, 5, 9, tzinfo=dt.UTC)
    for days in (1, 2, 3, 4, 10):
        complaint, _code = make_case(tree.unit)
        Complaint.objects.filter(pk=complaint.pk).update(received_at=received)
        complaint.refresh_from_db()
        services.complaint_acknowledge(actor=people.handler, complaint=complaint)
        services.complaint_conclude(
            actor=people.handler, complaint=complaint, outcome="not_substantiated", conclusion="-"
        )
        Complaint.objects.filter(pk=complaint.pk).update(
            acknowledged_at=received + dt.timedelta(days=days),
            concluded_at=received + dt.timedelta(days=days * 2),
        )
    data = complaint_statistics(tree.unit, 2567)
    january = next(row for row in data.rows if row.key == "m4")
    assert january.cells["received"] == "5" and january.cells["concluded"] == "5"
    assert january.median_ack == "3.0" and january.median_conclude == "6.0"
    assert next(row for row in data.rows if row.key == "m5").empty  # February: none

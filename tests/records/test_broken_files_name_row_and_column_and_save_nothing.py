"""A broken file is refused whole: every problem names its sheet, row and column, nothing is
saved, even the good rows of the same file."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.records.kinds import record_kind
from prongsai.records.models import BudgetLine, FundQuarter, OperationEntry, StatValue

from .helpers import BUDGET_GOOD, FUND_GOOD, OPERATIONS_GOOD, STATISTICS_GOOD, xlsx


def _problems(tree: Any, kind: str, rows: list[list[Any]]) -> list[str]:
    importer = record_kind(kind).importer
    result = importer.parse(unit=tree.unit, year=2567, data=xlsx(rows), name="f.xlsx")
    assert not result.ok
    with pytest.raises(ValidationError):
        importer.save(actor="tests", unit=tree.unit, year=2567, result=result)
    return [str(p) for p in result.problems]


@pytest.mark.django_db
def test_operations_without_activity_and_a_month_of_another_year(tree: Any) -> None:
    rows = [
        *OPERATIONS_GOOD,
        ["ต.ค. 67", "งาน", "กิจกรรม", "", "", ""],
        ["ม.ค. 67", "งาน", "", "", "", ""],
    ]
    problems = _problems(tree, "operations", rows)
    assert any("row 5" in p and "A เดือน" in p and "fiscal year 2567" in p for p in problems), (
        problems
    )
    assert any("row 6" in p and "C โครงการ/กิจกรรม" in p and "empty" in p for p in problems), (
        problems
    )
    assert not OperationEntry.objects.exists()


@pytest.mark.django_db
def test_statistics_with_a_word_for_a_number_and_a_repeated_month(tree: Any) -> None:
    rows = [
        *STATISTICS_GOOD,
        ["ธ.ค. 66", "การจับกุม", "", "ราย", "สิบ"],
        ["ต.ค. 66", "การจับกุม", "", "", "3"],
    ]
    problems = _problems(tree, "statistics", rows)
    assert any("row 5" in p and "E จำนวน" in p for p in problems), problems
    assert any("row 6" in p and "row 2" in p for p in problems), problems
    assert not StatValue.objects.exists()


@pytest.mark.django_db
def test_budget_with_a_negative_amount_and_a_new_line_without_its_year_amount(tree: Any) -> None:
    rows = [
        *BUDGET_GOOD,
        ["ค่าวัสดุ", "", "", "ต.ค. 66", "1,000", "500"],
        ["ค่าตอบแทน", "", "", "ธ.ค. 66", "-5", "0"],
    ]
    problems = _problems(tree, "budget", rows)
    assert any("row 6" in p and "E แผนการใช้จ่าย" in p and "negative" in p for p in problems), (
        problems
    )
    assert not BudgetLine.objects.exists()
    rows = [*BUDGET_GOOD, ["ค่าวัสดุ", "", "", "ต.ค. 66", "1,000", "500"]]
    problems = _problems(tree, "budget", rows)
    assert any("row 5" in p and "amount for the year" in p for p in problems), problems


@pytest.mark.django_db
def test_fund_with_a_fifth_quarter_and_a_missing_column(tree: Any) -> None:
    problems = _problems(tree, "fund", [*FUND_GOOD, ["5", "1", "1", "", ""]])
    assert any("row 4" in p and "A ไตรมาส" in p for p in problems), problems
    problems = _problems(tree, "fund", [["ไตรมาส", "ได้รับจัดสรร"], ["1", "100"]])
    assert any("ใช้จ่าย" in p for p in problems), problems
    assert not FundQuarter.objects.exists()

"""A good XLSX file of each record kind imports every row, and importing it again changes
nothing (the same series/line/month or quarter is written over, an operations month replaced)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from prongsai.records.kinds import record_kind
from prongsai.records.models import (
    BudgetLine,
    BudgetMonth,
    FundQuarter,
    OperationEntry,
    StatSeries,
    StatValue,
)

from .helpers import BUDGET_GOOD, FUND_GOOD, OPERATIONS_GOOD, STATISTICS_GOOD, xlsx


def _import(tree: Any, kind: str, rows: list[list[Any]]) -> int:
    importer = record_kind(kind).importer
    result = importer.parse(unit=tree.unit, year=2567, data=xlsx(rows), name="file.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    return importer.save(actor="tests", unit=tree.unit, year=2567, result=result)


@pytest.mark.django_db
def test_operations(tree: Any) -> None:
    assert _import(tree, "operations", OPERATIONS_GOOD) == 3
    assert _import(tree, "operations", OPERATIONS_GOOD) == 3
    months = list(OperationEntry.objects.values_list("month", flat=True))
    assert sorted(months) == ["2566-10", "2566-10", "2566-11"]


@pytest.mark.django_db
def test_statistics(tree: Any) -> None:
    assert _import(tree, "statistics", STATISTICS_GOOD) == 3
    _import(tree, "statistics", STATISTICS_GOOD)
    assert StatSeries.objects.count() == 2
    overstay = StatValue.objects.get(series__name="การอยู่เกินกำหนด", month="2566-10")
    assert overstay.value == Decimal(7)
    assert StatSeries.objects.get(name="การจับกุม").measure == "ราย"


@pytest.mark.django_db
def test_budget(tree: Any) -> None:
    assert _import(tree, "budget", BUDGET_GOOD) == 3
    line = BudgetLine.objects.get(name="ค่าตอบแทน")
    assert line.planned == Decimal("120000.00")
    assert BudgetMonth.objects.get(line=line, month="2566-10").spent == Decimal("9500.50")
    assert BudgetMonth.objects.count() == 3


@pytest.mark.django_db
def test_fund(tree: Any) -> None:
    assert _import(tree, "fund", FUND_GOOD) == 2
    q2 = FundQuarter.objects.get(quarter="q2")
    assert (q2.allocated, q2.spent, q2.cases) == (Decimal(50000), Decimal("41250.75"), 6)

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from prongsai.procurement.importing import parse_procurement_file, procurement_import
from prongsai.procurement.models import Procurement

from .helpers import POLICE_ROW, police_workbook


@pytest.mark.django_db
def test_the_sixteen_field_layout_imports(tree: Any) -> None:
    data = police_workbook([POLICE_ROW])
    result = parse_procurement_file(tree.unit, 2567, data)
    assert result.ok, [str(p) for p in result.problems]
    procurement_import(actor="tests", unit=tree.unit, year=2567, result=result)
    p = Procurement.objects.get()
    assert p.month == dt.date(2024, 3, 1)
    assert (p.title, p.budget, p.reference_price, p.agreed_price) == (
        "จัดซื้อหมึกพิมพ์",
        Decimal("12000.00"),
        Decimal("12000.00"),
        Decimal("11500.00"),
    )
    assert (p.stage, p.method, p.egp_number, p.budget_source) == (
        "completed",
        "specific",
        "67039000111",
        "เงินงบประมาณ",
    )


@pytest.mark.django_db
def test_a_row_of_another_fiscal_year_is_named_by_row_and_column(tree: Any) -> None:
    row = list(POLICE_ROW)
    row[1] = "2566"
    with translation.override("en"):
        result = parse_procurement_file(tree.unit, 2567, police_workbook([POLICE_ROW, row]))
        problems = [str(p) for p in result.problems]
    assert not result.ok
    assert problems == [
        "Sheet “มี.ค. 67”, row 3, column “B”: the row is for fiscal year 2566, the import for 2567"
    ]

"""A framework exported to XLSX and imported back is the same framework."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook

from prongsai.frameworks.loader import read_definition
from prongsai.frameworks.shipped import definition_path, definition_paths
from prongsai.frameworks.xlsx import definition_to_xlsx, read_workbook, xlsx_to_definition

DEFINITIONS = definition_paths()


@pytest.mark.parametrize("path", DEFINITIONS, ids=lambda p: p.stem)
def test_export_then_import_gives_back_the_identical_definition(path: Path) -> None:
    original, problems = read_definition(path)
    assert not problems
    again, read_problems = xlsx_to_definition(definition_to_xlsx(original))
    assert read_problems == []
    assert again == original


def test_the_workbook_is_readable_by_people() -> None:
    original, _ = read_definition(definition_path("ita-2567-police.yaml"))
    book = load_workbook(io.BytesIO(definition_to_xlsx(original)))
    items = book["items"]
    assert [c.value for c in items[1]][:4] == ["id", "sub_indicator", "title_th", "title_en"]
    assert items["A2"].value == "O1" and items["B2"].value == "9.1.1"
    assert items.max_row == 25  # header + 24 items
    assert book["criteria"]["A2"].value == "O1"


def _edited(edit: str) -> bytes:
    original, _ = read_definition(definition_path("ita-2567-police.yaml"))
    book = load_workbook(io.BytesIO(definition_to_xlsx(original)))
    if edit == "drop column":
        book["items"].delete_cols(2)
    elif edit == "bad number":
        book["instruments"]["D2"] = "thirty"
    elif edit == "orphan criterion":
        book["criteria"]["A3"] = "O99"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("drop column", "sheet 'items', row 1: missing column(s): sub_indicator"),
        ("bad number", "sheet 'instruments', row 2, column 'weight': 'thirty' is not a number"),
        ("orphan criterion", "sheet 'criteria', column 'item': refers to unknown item 'O99'"),
    ],
)
def test_broken_workbooks_name_sheet_row_and_column(edit: str, expected: str) -> None:
    with translation.override("en"):  # the Thai interface gets the same places in Thai
        read = read_workbook(_edited(edit))
    assert expected in [str(p) for p in read.problems]


def test_a_broken_workbook_is_described_in_thai_in_the_thai_interface() -> None:
    with translation.override("th"):
        read = read_workbook(_edited("bad number"))
    assert "แผ่นงาน 'instruments' แถว 2 คอลัมน์ 'weight': 'thirty' ไม่ใช่ตัวเลข" in [
        str(p) for p in read.problems
    ]


def test_not_a_workbook() -> None:
    from django.utils import translation

    with translation.override("en"):
        read = read_workbook(b"PK\x03\x04 not really a zip")
    assert read.definition is None
    assert str(read.problems[0]) == "The file is not an Excel file (.xlsx)."


def test_a_workbook_exported_before_the_period_and_statement_columns_still_imports() -> None:
    original, _ = read_definition(definition_path("ita-2567-police.yaml"))
    book = load_workbook(io.BytesIO(definition_to_xlsx(original)))
    items = book["items"]
    header = [c.value for c in items[1]]
    for name in ("none_statement_en", "none_statement_th", "period_months", "period_fiscal_year"):
        items.delete_cols(header.index(name) + 1)
    buffer = io.BytesIO()
    book.save(buffer)
    again, problems = xlsx_to_definition(buffer.getvalue())
    assert problems == [] and again == original


def test_relative_periods_statements_and_merged_items_survive_the_workbook() -> None:
    original, _ = read_definition(definition_path("ita-2569-general.yaml"))
    book = load_workbook(io.BytesIO(definition_to_xlsx(original)))
    rows = {r[0].value: [c.value for c in r] for r in book["items"].iter_rows(min_row=2)}
    header = [c.value for c in book["items"][1]]
    o12 = dict(zip(header, rows["O12"], strict=True))
    assert (o12["period_fiscal_year"], o12["period_start"]) == ("previous", None)
    assert o12["none_statement_th"] == "ไม่มีการจัดซื้อจัดจ้าง"
    pairs = [(r[0].value, r[1].value) for r in book["carry_forward"].iter_rows(min_row=2)]
    assert ("O1", "O1") in pairs and ("O1", "O3") in pairs

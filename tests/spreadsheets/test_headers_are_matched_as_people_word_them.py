"""Header matching: normalised text, synonyms, similarity, one column per field, questions when
unsure, remembered choices, and merged two-row headers such as a procurement register's
(สขร.1: "ราคาที่เสนอ" over columns, "เลขที่และวันที่ของสัญญา" over "เลขที่" and "วันที่")."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from prongsai.spreadsheets.headers import (
    IGNORE,
    NOTE,
    Field,
    FieldSet,
    How,
    find_header,
    match_headers,
    normalize_header,
)
from prongsai.spreadsheets.reader import read_tables

from .hostile import workbook

FIELDS = FieldSet(
    kind="tests.procurement",
    notes=True,
    fields=(
        Field("no", "ลำดับ", ("ลำดับ", "ลำดับที่")),
        Field("work", "งานที่จัดซื้อจัดจ้าง", ("งานที่จัดซื้อหรือจัดจ้าง", "งานที่จัดซื้อจัดจ้าง"), required=True),
        Field("budget", "วงเงินงบประมาณ", ("วงเงินที่จะซื้อหรือจ้าง", "วงเงินงบประมาณ"), required=True),
        Field("contract_no", "เลขที่สัญญา", ("เลขที่และวันที่ของสัญญา เลขที่", "เลขที่สัญญา")),
        Field("contract_day", "วันที่สัญญา", ("เลขที่และวันที่ของสัญญา วันที่", "วันที่สัญญา")),
    ),
)


def test_normalisation_ignores_spacing_zero_width_digits_numbering_and_punctuation() -> None:
    assert normalize_header(" ๑. วงเงิน\u200bที่จะซื้อ หรือ จ้าง (บาท) ") == "วงเงินที่จะซื้อหรือจ้างบาท"
    assert normalize_header("ลำดับ") == normalize_header("ล\u0e4d\u0e32ดับ")  # สระอำ typed as ํ + า
    assert normalize_header("O1") == "o1"


def test_synonyms_similarity_and_unknown_columns() -> None:
    match = match_headers(
        ["ลำดับที่", "งานที่จัดซื้อ/จัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง (บาท)", "หมายเหตุภายใน"],
        FIELDS,
    )
    hows = {c.header: (c.target, c.how) for c in match.columns}
    assert hows["ลำดับที่"] == ("no", How.EXACT)
    assert hows["งานที่จัดซื้อ/จัดจ้าง"] == ("work", How.EXACT)
    assert hows["วงเงินที่จะซื้อหรือจ้าง (บาท)"][0] == "budget"
    assert hows["หมายเหตุภายใน"] == ("", How.UNKNOWN)
    assert match.needs_choice


def test_a_field_goes_to_one_column_only() -> None:
    match = match_headers(["วงเงินงบประมาณ", "วงเงินงบประมาณ (บาท)"], FIELDS)
    first, second = match.columns
    assert (first.target, first.how) == ("budget", How.EXACT)
    assert second.target != "budget" and second.needs_choice


def test_remembered_and_chosen_mappings_win() -> None:
    remembered = {normalize_header("หมายเหตุภายใน"): NOTE}
    chosen = {normalize_header("ลำดับที่"): IGNORE}
    match = match_headers(["ลำดับที่", "หมายเหตุภายใน"], FIELDS, remembered=remembered, chosen=chosen)
    assert [(c.target, c.how) for c in match.columns] == [
        (IGNORE, How.CHOSEN),
        (NOTE, How.REMEMBERED),
    ]
    assert match.choices_made() == {normalize_header("ลำดับที่"): IGNORE}


def test_a_merged_two_row_header_is_composed_per_column() -> None:
    rows = [
        ["แบบ สขร.1 สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มกราคม 2567", None, None, None, None],
        ["ลำดับ", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง", "เลขที่และวันที่ของสัญญา", None],
        [None, None, None, "เลขที่", "วันที่"],
        [1, "จ้างซ่อมรถ", "๑๒,๕๐๐", "12/2567", "15 ม.ค. 67"],
    ]
    book = load_workbook(io.BytesIO(workbook(rows)))
    sheet = book.active
    for block in ("A1:E1", "D2:E2", "A2:A3", "B2:B3", "C2:C3"):
        sheet.merge_cells(block)
    out = io.BytesIO()
    book.save(out)
    table = read_tables(out.getvalue()).table()
    found = find_header(table, FIELDS)
    assert found is not None
    assert (found.index, found.match.header_rows, found.body_start) == (1, 2, 3)
    assert found.match.by_index == {
        0: "no",
        1: "work",
        2: "budget",
        3: "contract_no",
        4: "contract_day",
    }
    assert [c.samples for c in found.match.columns][3:] == [["12/2567"], ["15 ม.ค. 67"]]

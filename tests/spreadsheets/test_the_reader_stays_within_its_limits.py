"""The shared reader refuses, with a message naming what and where, every file over a limit —
before openpyxl sees a ZIP that is too big once unpacked — and reads the encodings Thai offices
save CSV in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import read_tables

from .hostile import rewrite_zip, workbook, xlsx_bomb

pytestmark = pytest.mark.usefixtures("_english")


@pytest.fixture
def _english() -> Any:
    with translation.override("en"):
        yield


def _refused(data: bytes, **limits: Any) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_tables(data, name="f", limits=ReadLimits(**limits))
    return str(caught.value)


def test_typed_values_row_numbers_and_sheets_are_read() -> None:
    data = workbook([["a", "b"], [1, dt.date(2024, 2, 15)], [], ["x", 2.5]], title="ข้อมูล")
    (table,) = read_tables(data).tables
    assert table.name == "ข้อมูล" and table.label == "Sheet “ข้อมูล”"
    assert table.row_numbers == [1, 2, 3, 4]
    assert table.rows[1] == [1, dt.datetime(2024, 2, 15)]
    assert table.rows[2] == [None, None] and table.rows[3] == ["x", 2.5]


def test_a_zip_bomb_is_refused_from_the_directory() -> None:
    assert "zip bomb" in _refused(xlsx_bomb(["a"], cells=300_000))


def test_too_many_members_or_too_much_unpacked_is_refused() -> None:
    data = workbook([["a"], [1]])
    assert "parts" in _refused(data, max_entries=3)
    assert _refused(data, max_unpacked=1000).startswith("The file unpacks to")


def test_too_many_rows_columns_or_characters_are_refused() -> None:
    rows = [["h1", "h2", "h3"], *[[n, n, n] for n in range(10)]]
    assert "more than 5 rows" in _refused(workbook(rows), max_rows=5)
    assert "more than 2 columns" in _refused(workbook(rows), max_columns=2)
    assert "row 2, column B" in _refused(workbook([["a", "b"], ["x", "y" * 50]]), max_cell_chars=40)
    assert "more than 5 rows" in _refused(b"a,b\n" * 10, max_rows=5)


def test_a_sheet_declaring_huge_dimensions_costs_only_its_cells() -> None:
    data = workbook([["a", "b"], [1, 2]])
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
        '/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>a</t></is></c></row></sheetData></worksheet>'
    )
    data = rewrite_zip(data, {"xl/worksheets/sheet1.xml": sheet.encode()})
    (table,) = read_tables(data).tables
    assert table.rows == [["a"]]


def test_reading_stops_at_the_deadline() -> None:
    assert "took too long" in _refused(workbook([["a"], [1]]), max_seconds=-1)


def test_old_office_files_and_other_packages_say_what_to_save_as() -> None:
    import io
    import zipfile

    assert "old Office version" in _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    assert "another kind of package" in _refused(ods.getvalue())


@pytest.mark.parametrize(
    "data",
    [
        "วันที่,จำนวน\n๑ ม.ค. ๖๗,๑๒\n".encode(),
        "\ufeffวันที่,จำนวน\r\n๑ ม.ค. ๖๗,๑๒\r\n".encode(),
        "วันที่,จำนวน\n๑ ม.ค. ๖๗,๑๒\n".encode("cp874"),
        "วันที่\tจำนวน\n๑ ม.ค. ๖๗\t๑๒\n".encode("utf-16"),
        "วันที่;จำนวน\n๑ ม.ค. ๖๗;๑๒\n".encode(),
    ],
    ids=["utf-8", "utf-8-bom-crlf", "cp874", "utf-16-tab", "semicolon"],
)
def test_csv_in_the_encodings_thai_offices_use(data: bytes) -> None:
    (table,) = read_tables(data, name="f.csv").tables
    assert table.rows == [["วันที่", "จำนวน"], ["๑ ม.ค. ๖๗", "๑๒"]]


def test_broken_utf8_is_refused_with_its_line_in_thai() -> None:
    data = "ชื่อ,ค่า\nสมชาย,1\n".encode() + "สมหญิง".encode()[:-1] + b",2\n"
    with translation.override("th"), pytest.raises(UnreadableFile) as caught:
        read_tables(data, name="f.csv")
    assert "บรรทัด 3" in str(caught.value) and "UTF-8" in str(caught.value)


def test_control_characters_are_removed_and_escaped_formulas_come_back() -> None:
    (table,) = read_tables(b"a,b\n'=1+2,x\x1by\n''-3,ok\n", name="f.csv").tables
    assert table.rows[1:] == [["=1+2", "xy"], ["'-3", "ok"]]


def test_merged_blocks_read_as_headers_or_as_continuations() -> None:
    import io

    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(
            workbook([["ลำดับ", "ราคา", None], [None, "เสนอ", "ตกลง"], [1, 10, 9], [None, 11, 8]])
        )
    )
    sheet = book.active
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("A3:A4")
    out = io.BytesIO()
    book.save(out)
    (table,) = read_tables(out.getvalue()).tables
    assert table.texts(merged="fill")[:2] == [["ลำดับ", "ราคา", "ราคา"], ["ลำดับ", "เสนอ", "ตกลง"]]
    assert [r[0] for r in table.texts(merged="first")] == ["ลำดับ", "ลำดับ", "1", "1"]
    assert [r[0] for r in table.texts(merged="none")] == ["ลำดับ", "", "1", ""]

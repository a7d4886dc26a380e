"""Files to plain tables of cell texts: Word (DOCX) tables and Excel (XLSX) sheets.

Both formats are ZIP archives: the archive is checked (entry count, uncompressed size) before a
parser sees it, and tables are capped in rows and columns, so a hostile file cannot make the
server decompress or iterate without bound.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 80 * 1024 * 1024
MAX_ROWS = 3000
MAX_COLUMNS = 40


class UnreadableFile(ValueError):
    """The file is not a DOCX or XLSX we can read; the message says why."""


@dataclass
class RawTable:
    label: str  # "Table 2" / "Sheet “แผน”", for messages
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # 1-based row number in the file


def sniff_kind(data: bytes) -> str:
    """``"docx"`` or ``"xlsx"`` from the archive's content (never from the file name)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(
            _("The file is neither a Word (.docx) nor an Excel (.xlsx) file.")
        ) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
            raise UnreadableFile(_("The file is too large once unpacked."))
        names = {i.filename for i in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UnreadableFile(_("The file is neither a Word (.docx) nor an Excel (.xlsx) file."))


def read_tables(data: bytes) -> tuple[str, list[RawTable]]:
    kind = sniff_kind(data)
    if kind == "docx":
        return kind, read_docx_tables(data)
    return kind, read_xlsx_sheets(data)


def read_docx_tables(data: bytes) -> list[RawTable]:
    """Every top-level table of the document, in order.

    A horizontally merged cell gives its text to its first column and blanks to the others; a
    vertically merged cell repeats the text of the cell it continues (it is the same cell).
    """
    from docx import Document
    from docx.table import _Cell

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise UnreadableFile(
            _("The Word file could not be opened: %(error)s") % {"error": exc}
        ) from exc
    tables: list[RawTable] = []
    for number, table in enumerate(document.tables, start=1):
        raw = RawTable(label=_("Table %(n)s") % {"n": number})
        previous: list[str] = []
        for row_number, tr in enumerate(table._tbl.tr_lst[:MAX_ROWS], start=1):
            cells: list[str] = [""] * tr.grid_before
            for tc in tr.tc_lst:
                if tc.vMerge == "continue":
                    index = len(cells)
                    text = previous[index] if index < len(previous) else ""
                else:
                    cell = _Cell(tc, table)
                    text = "\n".join(p.text for p in cell.paragraphs).strip()
                cells.append(text)
                cells.extend([""] * (tc.grid_span - 1))
                if len(cells) >= MAX_COLUMNS:
                    break
            previous = cells
            raw.rows.append(cells[:MAX_COLUMNS])
            raw.row_numbers.append(row_number)
        tables.append(raw)
    return tables


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_xlsx_sheets(data: bytes) -> list[RawTable]:
    """Every sheet as a table (merged ranges read like Word's merged cells)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken packages
        raise UnreadableFile(
            _("The Excel file could not be opened: %(error)s") % {"error": exc}
        ) from exc
    tables: list[RawTable] = []
    for sheet in workbook.worksheets:
        # As in Word: a merged range's value goes to its first column on every row it spans.
        merged: dict[tuple[int, int], object] = {}
        for cell_range in sheet.merged_cells.ranges:
            top_left = sheet.cell(cell_range.min_row, cell_range.min_col).value
            for r in range(cell_range.min_row, min(cell_range.max_row, MAX_ROWS) + 1):
                for c in range(cell_range.min_col, min(cell_range.max_col, MAX_COLUMNS) + 1):
                    merged[(r, c)] = top_left if c == cell_range.min_col else None
        raw = RawTable(label=_("Sheet “%(name)s”") % {"name": sheet.title})
        for row_number, row in enumerate(
            sheet.iter_rows(max_row=MAX_ROWS, max_col=min(sheet.max_column, MAX_COLUMNS)),
            start=1,
        ):
            texts = []
            for column, cell in enumerate(row, start=1):
                value = merged.get((row_number, column), cell.value)
                texts.append(_cell_text(value))
            raw.rows.append(texts)
            raw.row_numbers.append(row_number)
        tables.append(raw)
    workbook.close()
    return tables

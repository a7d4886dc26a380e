"""The one writer of XLSX and CSV files: every export writes its cells through here.

Two things no export may get wrong, whatever a stored row holds:

* **Formula injection** (OWASP "CSV injection"): text starting with ``=``, ``+``, ``-``, ``@``, tab
  or carriage return is never written as a formula. In XLSX it is a text cell with Excel's own
  "quote prefix" flag (what typing ``'=…`` in Excel produces): shown and read back exactly as
  written, never evaluated, even after editing the cell. In CSV, which has no such flag, it is
  written ``'=…``; the CSV reader (:mod:`prongsai.spreadsheets.reader`) removes that quote again,
  so round trips are exact.
* **Control characters** (``\\x1b`` and the like, in legacy rows): removed, instead of openpyxl's
  ``IllegalCharacterError`` breaking the export for good.

``new_workbook()`` / ``new_sheet()`` / ``append_row()`` / ``write_cell()`` / ``workbook_bytes()`` keep
openpyxl's styling in the caller's hands (fonts, widths, validation lists); ``csv_bytes()`` writes
a whole CSV (UTF-8 with a byte-order mark, which Excel needs to show Thai).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from prongsai.core.audit_anchor import audit_head_line

from .cells import formula_escape, needs_formula_escape, strip_control

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet


def _clean(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        return value
    return strip_control(value if isinstance(value, str) else str(value))


def _as_text(cell: Cell) -> None:
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    cell.quotePrefix = True  # Excel's "this is text" flag: shown as written, never evaluated


def write_cell(cell: Cell, value: object) -> Cell:
    """Set one cell: text is cleaned and never becomes a formula; numbers, dates and booleans
    keep their type; anything else is written as its text."""
    value = _clean(value)
    cell.value = value
    if isinstance(value, str) and needs_formula_escape(value):
        _as_text(cell)
    return cell


def new_workbook() -> Workbook:
    """An empty workbook (no default sheet): add sheets with :func:`new_sheet`."""
    from openpyxl import Workbook

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    return book


def new_sheet(book: Workbook, title: str, header: Sequence[object] = ()) -> Worksheet:
    sheet = book.create_sheet(_sheet_title(title))
    if header:
        append_row(sheet, header)
    return sheet


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names with []:*?/\\ or over 31 characters."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in strip_control(title)).strip("' ")
    return (cleaned or "Sheet")[:31]


def append_row(sheet: Worksheet, values: Iterable[object]) -> int:
    """Write ``values`` as the next row (as ``Worksheet.append`` does); returns its number."""
    cleaned = [_clean(v) for v in values]
    sheet.append(cleaned)
    row = sheet.max_row
    for column, value in enumerate(cleaned, start=1):
        if isinstance(value, str) and needs_formula_escape(value):
            _as_text(sheet.cell(row=row, column=column))
    return row


def workbook_bytes(book: Workbook, *, audit_head: bool = True) -> bytes:
    """The workbook's file. Every generated workbook carries the audit chain's head at the moment
    it is made (``core.audit_anchor``), as the reports and Word documents do: in each sheet's
    printed footer and in the file's description (File ▸ Info in Excel)."""
    if audit_head:
        line = audit_head_line()
        if line:
            for sheet in book.worksheets:
                sheet.oddFooter.left.text = line
                sheet.evenFooter.left.text = line
            book.properties.description = line
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | int | float | Decimal):
        return value
    return formula_escape(strip_control(str(value)))


def csv_bytes(
    rows: Iterable[Sequence[Any]],
    *,
    bom: bool = True,
    delimiter: str = ",",
    lineterminator: str = "\r\n",
) -> bytes:
    """A CSV file in UTF-8 (with the byte-order mark Excel needs to show Thai unless ``bom`` is
    false): dates as ISO dates, text cleaned and escaped against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")

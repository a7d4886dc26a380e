"""The one reader of uploaded spreadsheets (XLSX, CSV) and Word tables (DOCX), within limits.

``read_tables(data, name=…, accept=…, limits=…)`` sniffs the kind from the content (never the name),
checks the file against :class:`~prongsai.spreadsheets.limits.ReadLimits` — size; for ZIP
packages the members' count, unpacked size and compression ratio *before* openpyxl or python-docx
opens anything — then reads every sheet or table as a :class:`Table` of typed cell values while
counting rows, columns with content and cell lengths against the limits and a deadline. Anything
over a limit, damaged, disguised or undecodable raises :class:`UnreadableFile` with a message that
names the sheet, row or cell.

CSV text may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark ("Unicode
text" from Excel) or Thai Windows (cp874/TIS-620, what Excel saves as "CSV" on Thai Windows); a
file that is *almost* UTF-8 (broken sequences among valid Thai ones) is refused with the line
rather than read as Thai Windows gibberish. Control characters are removed from every text cell
(they are invisible and break every XML-based export). A value the writer escaped against formula
injection (``'=…``) comes back as written (``=…``).

XLSX sheets are streamed (openpyxl's read-only parser), so memory follows the rows kept, not the
sheet's declared size; merged ranges are read too (:meth:`Table.texts` spreads them as headers or
as Word-style continuation cells).
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext as _

from .archives import NotAnArchive, check_archive
from .cells import CONTROL_CHARACTERS, CellValue, cell_text, formula_unescape, strip_control
from .errors import UnreadableFile
from .limits import DEFAULT_LIMITS, ReadLimits

Kind = Literal["xlsx", "csv", "docx"]
_UTF8_THAI = re.compile(rb"\xe0[\xb8\xb9][\x80-\xbf]")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.xls, .doc)


@dataclass(frozen=True)
class MergedRange:
    """A merged block of cells, in the file's 1-based row and column numbers."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class Table:
    """One sheet of a workbook, one table of a Word document, or a whole CSV file."""

    label: str  # for messages: "Sheet “แผน”", "Table 2", "forms.csv"
    name: str = ""  # the sheet's name ("" for CSV and Word tables)
    rows: list[list[CellValue]] = field(default_factory=list)  # merged blocks: top-left only
    row_numbers: list[int] = field(default_factory=list)  # 1-based row number in the file
    merged: list[MergedRange] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self, *, merged: Literal["first", "fill", "none"] = "first") -> list[list[str]]:
        """Every cell as text. Merged blocks: ``"first"`` puts the block's text in its first
        column on every row it spans (as Word continues a vertically merged cell: the row below
        belongs to the same indicator); ``"fill"`` puts it in every cell of the block (header
        rows: "ราคา" over "เสนอ" and "ตกลง" names both); ``"none"`` leaves it in the top-left cell."""
        grid = [[cell_text(v) for v in row] for row in self.rows]
        if merged == "none" or not self.merged:
            return grid
        index_of = {number: i for i, number in enumerate(self.row_numbers)}
        for block in self.merged:
            top = index_of.get(block.min_row)
            if top is None or block.min_col - 1 >= len(grid[top]):
                continue
            text = grid[top][block.min_col - 1]
            for number in range(block.min_row, block.max_row + 1):
                i = index_of.get(number)
                if i is None:
                    continue
                for column in range(block.min_col, block.max_col + 1):
                    if column - 1 >= len(grid[i]):
                        break
                    first = column == block.min_col
                    grid[i][column - 1] = text if merged == "fill" or first else ""
        return grid


@dataclass
class SpreadsheetFile:
    kind: Kind
    tables: list[Table]

    def table(self, name: str | None = None) -> Table:
        """The sheet called ``name`` when there is one, else the first table."""
        for table in self.tables:
            if name is not None and table.name == name:
                return table
        if not self.tables:
            raise UnreadableFile(_("The file has no sheet to read."))
        return self.tables[0]


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise UnreadableFile(
                _("Reading the file took too long; split it into smaller files and try again.")
            )


# --- kind ----------------------------------------------------------------------------------
def sniff_kind(
    data: bytes, *, accept: Collection[str], limits: ReadLimits = DEFAULT_LIMITS
) -> Kind:
    """The file's kind from its content; refuses kinds not in ``accept`` with a message saying
    what to save the file as."""
    wanted = _accepted_text(accept)
    if data.startswith(_OLE):
        raise UnreadableFile(
            _(
                "This is a file of an old Office version (.xls or .doc). Open it and save it as "
                "%(wanted)s, then upload it again."
            )
            % {"wanted": wanted}
        )
    if data.startswith(b"PK"):
        try:  # also refuses bombs before anything else looks at the file
            infos = check_archive(data, limits=limits)
        except NotAnArchive as exc:
            raise UnreadableFile(_("The file is not %(wanted)s.") % {"wanted": wanted}) from exc
        names = {i.filename for i in infos}
        kind: Kind | None = None
        if "xl/workbook.xml" in names:
            kind = "xlsx"
        elif "word/document.xml" in names:
            kind = "docx"
        if kind in accept and kind is not None:
            return kind
        raise UnreadableFile(
            _("The file is not %(wanted)s (it is another kind of package, e.g. .ods or .pptx).")
            % {"wanted": wanted}
        )
    if "csv" in accept:
        return "csv"
    raise UnreadableFile(_("The file is not %(wanted)s.") % {"wanted": wanted})


def _accepted_text(accept: Collection[str]) -> str:
    names = {
        "xlsx": _("an Excel file (.xlsx)"),
        "docx": _("a Word file (.docx)"),
        "csv": _("a CSV file"),
    }
    return _(" or ").join(str(names[k]) for k in ("xlsx", "docx", "csv") if k in accept)


def read_tables(
    data: bytes,
    *,
    name: str = "",
    accept: Collection[str] = ("xlsx", "csv"),
    limits: ReadLimits = DEFAULT_LIMITS,
) -> SpreadsheetFile:
    """Every sheet (XLSX), table (DOCX) or the one table (CSV) of an uploaded file."""
    if len(data) > limits.max_bytes:
        raise UnreadableFile(
            _("The file is larger than %(mb)s MB.") % {"mb": f"{limits.max_bytes / 2**20:g}"}
        )
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    kind = sniff_kind(data, accept=accept, limits=limits)
    deadline = _Deadline(limits.max_seconds)
    if kind == "xlsx":
        tables = _read_xlsx(data, limits, deadline)
    elif kind == "docx":
        from .word_tables import read_docx_tables

        tables = read_docx_tables(data, limits=limits, check_time=deadline.check)
    else:
        tables = [_read_csv(data, name or "CSV", limits, deadline)]
    return SpreadsheetFile(kind=kind, tables=tables)


# --- text (CSV) ----------------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (± BOM), UTF-16 with a BOM, or Thai Windows (cp874)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _not_text(data, exc) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Valid multi-byte sequences around the error: a UTF-8 file with broken bytes (cut or
        # mixed-up copies), not a Thai Windows file. Reading it as cp874 would store gibberish.
        if data.startswith(b"\xef\xbb\xbf") or _has_utf8_sequences(data):
            raise _not_text(data, exc) from exc
        try:
            return data.decode("cp874")
        except UnicodeDecodeError:
            raise _not_text(data, exc) from exc


def _has_utf8_sequences(data: bytes) -> bool:
    """Thai letters encoded as UTF-8 (E0 B8/B9 xx). In Thai Windows text these bytes would be
    "เธ" or "เน" followed by a consonant, which Thai spelling does not produce."""
    return _UTF8_THAI.search(data) is not None


def looks_like_csv(head: bytes, *, complete: bool = True) -> bool:
    """Whether the first bytes of a file are CSV text (UTF-8 or Thai Windows, no control
    characters, more than one column or line) — for sniffing uploads. ``complete=False``: the
    head was cut, so its last line is not judged."""
    if b"\x00" in head:
        return False
    sample = head if complete or b"\n" not in head else head[: head.rfind(b"\n")]
    try:
        text = decode_text(sample)
    except UnreadableFile:
        return False
    if CONTROL_CHARACTERS.search(text):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    try:
        rows = list(csv.reader(io.StringIO("\n".join(lines[:50]))))
    except csv.Error:
        return False
    return any(len(row) > 1 for row in rows) or len(rows) > 1


def _not_text(data: bytes, exc: UnicodeDecodeError) -> UnreadableFile:
    line = data[: exc.start].count(b"\n") + 1
    return UnreadableFile(
        _(
            "The file is not valid text (line %(line)s has bytes that are neither UTF-8 nor Thai "
            "Windows encoding). In Excel choose “Save as” → “CSV UTF-8”, or upload the .xlsx file."
        )
        % {"line": line}
    )


def _read_csv(data: bytes, label: str, limits: ReadLimits, deadline: _Deadline) -> Table:
    text = decode_text(data)
    if "\x00" in text:
        raise UnreadableFile(_("The file is not a CSV file (it holds binary data)."))
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first.count)
    table = Table(label=label)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, raw in enumerate(reader, start=1):
            deadline.check()
            if number > limits.max_rows:
                raise _too_many_rows(label, limits)
            row: list[CellValue] = []
            for column, value in enumerate(raw, start=1):
                row.append(_text_value(value, label, number, column, limits))
            _check_width(row, label, number, limits)
            table.rows.append(row)
            table.row_numbers.append(number)
    except csv.Error as exc:
        raise UnreadableFile(
            _("%(where)s, row %(row)s: the CSV cannot be read (%(error)s).")
            % {"where": label, "row": reader.line_num, "error": exc}
        ) from exc
    _trim(table)
    return table


# --- XLSX ----------------------------------------------------------------------------------
def _read_xlsx(data: bytes, limits: ReadLimits, deadline: _Deadline) -> list[Table]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for broken packages
        raise _unopenable(exc) from exc
    try:
        sheets = list(book.worksheets)
        if len(sheets) > limits.max_tables:
            raise UnreadableFile(
                _("The workbook has %(count)s sheets; at most %(max)s are read.")
                % {"count": len(sheets), "max": limits.max_tables}
            )
        tables = []
        for sheet in sheets:
            if not hasattr(sheet, "_worksheet_path"):
                continue  # a chart sheet
            try:
                tables.append(_read_sheet(book, sheet, limits, deadline))
            except UnreadableFile:
                raise
            except Exception as exc:  # damaged XML, entity bombs (defusedxml), huge numbers
                raise _unopenable(exc) from exc
        return tables
    finally:
        book.close()


def _unopenable(exc: BaseException) -> UnreadableFile:
    if isinstance(exc, ValueError) and "digits" in str(exc):  # int() of a 5,000-digit number
        reason = _("a cell holds a number with thousands of digits")
    else:
        reason = exc.__class__.__name__
    return UnreadableFile(_("The Excel file could not be opened: %(error)s") % {"error": reason})


class _SheetStream:
    """A sheet straight from openpyxl's streaming parser: sparse cells with their column numbers
    (a sheet that declares 16,384 columns costs nothing until cells exist), then the sheet's
    merged ranges, which the XML lists after the cells. (openpyxl's public read-only rows pad
    every row to the declared width and do not report merged ranges.)"""

    def __init__(self, book: Any, sheet: Any) -> None:
        self.book, self.sheet = book, sheet
        self.merged_refs: list[str] = []

    def rows(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        from openpyxl.worksheet._reader import WorkSheetParser

        book, sheet = self.book, self.sheet
        source = book._archive.open(sheet._worksheet_path)
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        try:
            yield from parser.parse()
        finally:
            source.close()
        if parser.merged_cells is not None:
            self.merged_refs = [m.ref for m in parser.merged_cells.mergeCell]


def _read_sheet(book: Any, sheet: Any, limits: ReadLimits, deadline: _Deadline) -> Table:
    from openpyxl.utils.cell import range_boundaries

    label = _("Sheet “%(name)s”") % {"name": sheet.title}
    table = Table(label=label, name=sheet.title)
    by_number: dict[int, list[CellValue]] = {}
    stream = _SheetStream(book, sheet)
    for number, cells in stream.rows():
        deadline.check()
        values = [c for c in cells if c.get("value") is not None]
        if not values:
            continue
        if number > limits.max_rows:
            raise _too_many_rows(label, limits)
        last = max(c["column"] for c in values)
        row: list[CellValue] = [None] * last
        for cell in values:
            value = cell["value"]
            if isinstance(value, str):
                value = _text_value(value, label, number, cell["column"], limits, unescape=False)
            row[cell["column"] - 1] = value
        _check_width(row, label, number, limits)
        by_number[number] = row
    for ref in stream.merged_refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= limits.max_rows and min_col <= limits.max_columns:
            table.merged.append(
                MergedRange(
                    min_row,
                    min_col,
                    min(max_row, limits.max_rows),
                    min(max_col, limits.max_columns),
                )
            )
    last_row = max(by_number, default=0)
    for block in table.merged:  # a merged block below the last value still counts as content
        if block.min_row in by_number:
            last_row = max(last_row, block.max_row)
    for number in range(1, last_row + 1):
        table.rows.append(by_number.get(number, []))
        table.row_numbers.append(number)
    _trim(table)
    return table


# --- shared checks -------------------------------------------------------------------------
def _text_value(
    value: str, label: str, row: int, column: int, limits: ReadLimits, *, unescape: bool = True
) -> str:
    if len(value) > limits.max_cell_chars:
        raise UnreadableFile(
            _(
                "%(where)s, row %(row)s, column %(column)s: the cell holds more than %(max)s characters."
            )
            % {
                "where": label,
                "row": row,
                "column": column_letter(column),
                "max": f"{limits.max_cell_chars:,}",
            }
        )
    value = strip_control(value)
    return formula_unescape(value) if unescape else value


def _check_width(row: list[CellValue], label: str, number: int, limits: ReadLimits) -> None:
    used = max((i + 1 for i, v in enumerate(row) if v not in (None, "")), default=0)
    if used > limits.max_columns:
        raise UnreadableFile(
            _("%(where)s, row %(row)s: more than %(max)s columns hold values.")
            % {"where": label, "row": number, "max": limits.max_columns}
        )
    del row[max(used, 0) :]


def _too_many_rows(label: str, limits: ReadLimits) -> UnreadableFile:
    return UnreadableFile(
        _("%(where)s has more than %(max)s rows; split it into several files.")
        % {"where": label, "max": f"{limits.max_rows:,}"}
    )


def _trim(table: Table) -> None:
    """Drop blank rows at the end; pad every row to the table's width."""
    while table.rows and not any(v not in (None, "") for v in table.rows[-1]):
        last = table.row_numbers[-1]
        if any(b.min_row <= last <= b.max_row for b in table.merged):
            break
        table.rows.pop()
        table.row_numbers.pop()
    width = table.width
    for row in table.rows:
        row.extend([None] * (width - len(row)))


def column_letter(column: int) -> str:
    """1 → A, 27 → AA (as spreadsheets name columns)."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters

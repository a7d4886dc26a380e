"""Reading a record kind's file: every table, every row, every problem (never writes).

A kind describes its columns once (a ``FieldSet``) and reads one row with a function that asks a
:class:`RowReader` for typed cells; a cell that cannot be read becomes a :class:`Problem` naming
the sheet, the file's row number and the column (letter and header), and the row is left out. The
caller saves nothing unless the result has no problem at all (``ImportResult.ok``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from prongsai.core.text import text_problems
from prongsai.organizations.models import Unit
from prongsai.spreadsheets.cells import CellError, is_blank, parse_amount, parse_integer
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.headers import ColumnMatch, FieldSet, find_header, is_header_row
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import read_tables
from prongsai.spreadsheets.selectors import remembered_mappings

from .kinds import ImportResult, Problem
from .periods import month_from_text, quarter_from_text


class RowReader:
    """The cells of one body row, by field key; problems are collected, never raised."""

    def __init__(
        self,
        *,
        where: str,
        number: int,
        raw: list[Any],
        texts: list[str],
        columns: dict[str, ColumnMatch],
        year: int,
    ) -> None:
        self.where, self.number, self.year = where, number, year
        self._raw, self._texts, self._columns = raw, texts, columns
        self.problems: list[Problem] = []

    def _column(self, key: str) -> ColumnMatch | None:
        return self._columns.get(key)

    def problem(self, key: str, message: str) -> None:
        column = self._column(key)
        label = f"{column.letter} {column.header}" if column else key
        self.problems.append(Problem(self.where, self.number, label, message))

    def raw(self, key: str) -> Any:
        column = self._column(key)
        if column is None or column.index >= len(self._raw):
            return None
        return self._raw[column.index]

    def text(self, key: str, *, required: bool = False, max_length: int = 300) -> str:
        column = self._column(key)
        value = ""
        if column is not None and column.index < len(self._texts):
            value = self._texts[column.index].replace("\r", "").strip()
        if not value:
            if required:
                self.problem(key, _("this cell is empty"))
            return ""
        for problem in text_problems(value, limit=max_length):
            self.problem(key, problem)
            return ""
        return value

    def amount(
        self, key: str, *, required: bool = False, default: Decimal | None = None
    ) -> Decimal:
        value = self.raw(key)
        if is_blank(value):
            if required:
                self.problem(key, _("this cell is empty"))
            return default if default is not None else Decimal(0)
        try:
            amount = parse_amount(value)
        except CellError as exc:
            self.problem(key, str(exc))
            return Decimal(0)
        if amount < 0:
            self.problem(key, _("a negative amount"))
        return amount.quantize(Decimal("0.01"))

    def integer(self, key: str) -> int:
        value = self.raw(key)
        if is_blank(value):
            return 0
        try:
            number = parse_integer(value)
        except CellError as exc:
            self.problem(key, str(exc))
            return 0
        if number < 0:
            self.problem(key, _("a negative number"))
        return number

    def month(self, key: str, *, required: bool = True) -> str:
        value = self.raw(key)
        if isinstance(value, dt.datetime | dt.date):
            value = value.isoformat()
        text = "" if is_blank(value) else str(value)
        if not text.strip():
            if required:
                self.problem(key, _("this cell is empty"))
            return ""
        month = month_from_text(text, self.year)
        if month is None:
            self.problem(
                key,
                _("“%(text)s” is not a month of fiscal year %(year)s (e.g. “ต.ค. 66” or “2566-10”)")
                % {"text": text, "year": self.year},
            )
            return ""
        return month

    def quarter(self, key: str) -> str:
        text = self.text(key, required=True)
        if not text:
            return ""
        quarter = quarter_from_text(text)
        if quarter is None:
            self.problem(key, _("“%(text)s” is not a quarter (1–4)") % {"text": text})
            return ""
        return quarter


RowParser = Callable[[RowReader], Any]


def record_limits() -> ReadLimits:
    return ReadLimits(max_bytes=int(settings.UPLOAD_MAX_FILE_SIZE), max_rows=5000, max_columns=40)


def parse_record_file(
    *,
    kind: str,
    fieldset: FieldSet,
    unit: Unit,
    year: int,
    data: bytes,
    name: str,
    parse_row: RowParser,
    chosen: Mapping[str, str] | None = None,
    remembered: Mapping[str, str] | None = None,
) -> ImportResult:
    """Read every sheet of an XLSX/CSV file of one record kind; see the module's doc."""
    result = ImportResult(kind=kind)
    try:
        file = read_tables(data, name=name, accept=("xlsx", "csv"), limits=record_limits())
    except UnreadableFile as exc:
        result.problems.append(Problem("", None, None, str(exc)))
        return result
    result.file_kind = file.kind
    if remembered is None:
        remembered = remembered_mappings(unit=unit, kind=fieldset.kind)
    seen: set[tuple[int, str]] = set()
    found_any = False
    for table in file.tables:
        found = find_header(
            table, fieldset, remembered=remembered, chosen=chosen, min_fields=2, scan_rows=8
        )
        if found is None:
            continue
        found_any = True
        match = found.match
        for column in match.columns:
            if (column.index, column.normalized) not in seen:
                seen.add((column.index, column.normalized))
                result.columns.append(column)
        for missing in match.missing:
            result.problems.append(
                Problem(
                    table.label,
                    table.row_numbers[found.index],
                    None,
                    _("no column for “%(field)s”") % {"field": missing.header},
                )
            )
        if match.needs_choice or match.missing:
            continue
        by_key = {c.target: c for c in match.columns if c.target and not c.needs_choice}
        texts = table.texts()
        for index in range(found.body_start, len(table.rows)):
            cells = texts[index]
            if not any(text.strip() for text in cells) or is_header_row(cells, match):
                continue
            reader = RowReader(
                where=table.label,
                number=table.row_numbers[index],
                raw=table.rows[index],
                texts=cells,
                columns=by_key,
                year=year,
            )
            draft = parse_row(reader)
            if reader.problems:
                result.problems.extend(reader.problems)
            elif draft is not None:
                if isinstance(draft, dict):
                    draft["_where"], draft["_row"] = table.label, reader.number
                result.rows.append(draft)
    if not found_any:
        result.problems.append(
            Problem(
                "",
                None,
                None,
                _("No sheet has the expected header row (%(fields)s).")
                % {"fields": ", ".join(f.header for f in fieldset.required)},
            )
        )
    elif not result.rows and not result.problems and not result.needs_mapping:
        result.problems.append(Problem("", None, None, _("The file has no rows to import.")))
    return result

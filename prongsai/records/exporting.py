"""The bytes of a records export (``records_export``), for any registered kind."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from prongsai.organizations.models import Unit
from prongsai.spreadsheets.writer import (
    append_row,
    csv_bytes,
    new_sheet,
    new_workbook,
    workbook_bytes,
)

from .kinds import RecordKind


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def export_bytes(kind: RecordKind, unit: Unit, year: int, fmt: str) -> bytes:
    rows = kind.exporter(unit, year)
    fields = list(kind.fields)
    if fmt == "json":
        records = [{k: _plain(row.get(k)) for k in fields} for row in rows]
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if kind.table is not None:
        header, body = kind.table(rows)
    else:
        header, body = fields, [[row.get(k) for k in fields] for row in rows]
    table: list[list[Any]] = [list(header), *body]
    if fmt == "csv":
        return csv_bytes(table)
    book = new_workbook()
    sheet = new_sheet(book, kind.name)
    for values in table:
        number = append_row(sheet, values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, Decimal):  # an amount: a number Excel adds up, shown 1,234.50
                sheet.cell(row=number, column=column).number_format = "#,##0.00"
    return workbook_bytes(book)

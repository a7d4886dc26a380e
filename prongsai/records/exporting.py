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
    table: list[list[Any]] = [list(fields), *[[row.get(k) for k in fields] for row in rows]]
    if fmt == "csv":
        return csv_bytes(table)
    book = new_workbook()
    sheet = new_sheet(book, kind.name)
    for values in table:
        append_row(sheet, values)
    return workbook_bytes(book)

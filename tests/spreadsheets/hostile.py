"""Hostile files for the import tests: zip bombs built from real workbooks and documents."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook


def rewrite_zip(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The same package with some members replaced (or added), deflated."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = set()
        for info in source.infolist():
            names.add(info.filename)
            content = changes.get(info.filename, source.read(info.filename))
            target.writestr(info.filename, content)
        for name, content in changes.items():
            if name not in names:
                target.writestr(name, content)
    return out.getvalue()


def workbook(rows: Sequence[Any], title: str = "Sheet") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_bomb(header: Sequence[str], *, cells: int = 1_000_000) -> bytes:
    """A real workbook whose second row holds ``cells`` identical cells: a few hundred KB that
    unpack to tens of MB, and a row openpyxl would hold in memory whole."""
    data = workbook([header])
    head = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in header)
    body = '<c t="n"><v>4</v></c>' * cells
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{head}</row><row r="2">{body}</row></sheetData></worksheet>'
    )
    return rewrite_zip(data, {"xl/worksheets/sheet1.xml": sheet.encode()})

"""One renderer per format for a :class:`~prongsai.records.documents.RecordDocument`: PDF
(WeasyPrint with the shipped Thai font, ``core/pdf.py``), Word (``OfficialDocument``), XLSX and
CSV with BOM (``spreadsheets.writer``), JSON. Every file carries the audit head."""

from __future__ import annotations

import base64
import json
from typing import Any

from django.template.loader import render_to_string

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.core.thai_dates import thai_digits, thai_digits_in_html
from prongsai.documents.official_docx import OfficialDocument
from prongsai.spreadsheets.writer import (
    append_row,
    csv_bytes,
    new_sheet,
    new_workbook,
    workbook_bytes,
)

from .documents import RecordDocument


def _data_uri(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def render_pdf(doc: RecordDocument, *, version: int = 0, public_url: str = "") -> bytes:
    tables = []
    for number, table in enumerate(doc.tables):
        rows = []
        for index, row in enumerate(table.rows):
            photos = doc.photos.get(index, []) if number == 0 else []
            rows.append(
                {
                    "cells": [
                        {"text": text, "numeric": i in table.numeric} for i, text in enumerate(row)
                    ],
                    "photos": [_data_uri(p.content, p.content_type) for p in photos],
                }
            )
        totals = (
            [{"text": text, "numeric": i in table.numeric} for i, text in enumerate(table.totals)]
            if table.totals
            else None
        )
        tables.append(
            {"title": table.title, "headers": table.headers, "cells": rows, "totals": totals}
        )
    context = {
        "doc": doc,
        "tables": tables,
        "version": version,
        "public_url": public_url,
        "chart_svg": doc.chart_svg,  # SafeString: built with format_html (charts.py)
    }
    html: str = render_to_string("records/pdf/document.html", context)
    if doc.thai_digits:
        html = thai_digits_in_html(html)  # the text only: markup and addresses keep theirs
    css = render_to_string(
        "records/pdf/document.css",
        {
            "family": FONT_FAMILY,
            "landscape": doc.landscape,
            "counter": "thai" if doc.thai_digits else "decimal",
        },
    )
    return html_to_pdf(html, css, footer=audit_head_line())


def render_docx(doc: RecordDocument, *, version: int = 0, public_url: str = "") -> bytes:
    def t(value: Any) -> str:  # the unit's option: ๐–๙ in every text (not the address below)
        return thai_digits(value) if doc.thai_digits else str(value)

    word = OfficialDocument(orientation="landscape" if doc.landscape else "portrait")
    word.title(
        [t(line) for line in (doc.title, *doc.unit_lines, f"ปีงบประมาณ พ.ศ. {doc.year}")],
        size=18,
        next_size=16,
    )
    if doc.is_empty:
        word.paragraph(t(doc.empty_text), bold=True, align="center", space_before=24)
    for number, table in enumerate(doc.tables):
        if table.title:
            word.heading(t(table.title))
        widths = table.widths_cm or [25.0 / max(len(table.headers), 1)] * len(table.headers)
        grid = word.table([t(h) for h in table.headers], widths)
        for index, row in enumerate(table.rows):
            cells = word.row(grid, [t(cell) for cell in row])
            for photo in doc.photos.get(index, []) if number == 0 else []:
                # Re-encoded PNG/JPEG/WebP at upload (measures.photos): Word takes them.
                cells[3].add_paragraph().add_run().add_picture(
                    _bytes_io(photo.content), height=_cm(2.4)
                )
        if table.totals:
            word.row(grid, [t(cell) for cell in table.totals])
        word.fix_widths(grid, widths)
    note = f"ข้อมูล ณ วันที่ {doc.as_of}"
    if version:
        note += f" · ฉบับที่ {version}"
    word.paragraph(t(note), size=12, space_before=10)
    if public_url:
        word.link_paragraph(public_url, label="เผยแพร่ที่ ")
    word.footer_line(audit_head_line())
    return word.to_bytes(title=doc.title)


def _bytes_io(content: bytes) -> Any:
    import io

    return io.BytesIO(content)


def _cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def render_xlsx(doc: RecordDocument, **_kwargs: Any) -> bytes:
    book = new_workbook()
    data = new_sheet(book, "data", doc.fields)
    for record in doc.records:
        append_row(data, [_cell(record.get(k)) for k in doc.fields])
    for table in doc.tables:
        sheet = new_sheet(book, table.title or doc.kind)
        append_row(sheet, [doc.title])
        append_row(sheet, [doc.unit.name])
        append_row(sheet, [])
        append_row(sheet, table.headers)
        for row in table.rows:
            append_row(sheet, row)
        if table.totals:
            append_row(sheet, table.totals)
    return workbook_bytes(book)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def render_csv(doc: RecordDocument, **_kwargs: Any) -> bytes:
    return csv_bytes([doc.fields, *[[_cell(r.get(k)) for k in doc.fields] for r in doc.records]])


def render_json(doc: RecordDocument, *, version: int = 0, public_url: str = "") -> bytes:
    payload = {
        "dataset": doc.kind,
        "item": doc.item_code,
        "title": doc.title,
        "unit": {"slug": doc.unit.slug, "name": doc.unit.name},
        "fiscal_year": doc.year,
        "period": doc.period,
        "period_label": doc.period_label,
        "version": version,
        "generated_at": doc.generated_at.isoformat(),
        "audit_head": audit_head_line(),
        "fields": doc.fields,
        "records": doc.records,
    }
    if public_url:
        payload["url"] = public_url
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


RENDERERS = {
    "pdf": (render_pdf, "application/pdf"),
    "docx": (
        render_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (render_csv, "text/csv; charset=utf-8"),
    "json": (render_json, "application/json"),
}

"""Small real files the demo loader makes itself: PDFs (WeasyPrint), Word and Excel documents,
CSV statistics and PNG pictures (Pillow). Nothing is downloaded."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from django.utils.html import escape

from prongsai.core.pdf import FONT_DIR, FONT_FAMILY, html_to_pdf
from prongsai.spreadsheets import writer

_THAI_FONTS = (
    str(FONT_DIR / "Laksaman.ttf"),  # shipped with the project: no system font needed
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    "/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
)
PDF_CSS = """
@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }
body { font-family: "FAMILY"; font-size: 14pt; line-height: 1.45; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 .4cm; }
h2 { font-size: 15pt; margin: .5cm 0 .2cm; }
table { border-collapse: collapse; width: 100%; margin: .3cm 0; }
th, td { border: 1px solid #555; padding: 3px 6px; vertical-align: top; font-size: 12.5pt; }
th { background: #e6eef8; }
.sign { margin-top: 1.2cm; text-align: center; }
""".replace("FAMILY", FONT_FAMILY)


def pdf(title: str, body_html: str) -> bytes:
    """A PDF from our own trusted HTML (demo text only), with the shipped Thai font embedded."""
    document = (
        f"<html lang='th'><head><meta charset='utf-8'></head>"
        f"<body><h1>{escape(title)}</h1>{body_html}</body></html>"
    )
    return html_to_pdf(document, PDF_CSS)


def table_html(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def docx(title: str, paragraphs: Sequence[str], table: Sequence[Sequence[str]] = ()) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "TH Sarabun New"
    style.font.size = Pt(16)
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=0, cols=len(table[0]))
        grid.style = "Table Grid"
        for row in table:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(sheet_title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    from openpyxl.styles import Font

    workbook = writer.new_workbook()
    sheet = writer.new_sheet(workbook, sheet_title, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        writer.append_row(sheet, row)
    return writer.workbook_bytes(workbook, audit_head=False)  # a file the unit made


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    return writer.csv_bytes([headers, *rows])


@cache
def _font_path() -> str | None:
    return next((p for p in _THAI_FONTS if Path(p).exists()), None)


def _font(size: int) -> object:
    from PIL import ImageFont

    path = _font_path()
    if path is None:
        return ImageFont.load_default()
    return ImageFont.truetype(path, size)


def png_card(
    title: str, lines: Sequence[str], *, colour: tuple[int, int, int] = (29, 78, 137)
) -> bytes:
    """A simple picture: a coloured band with a title and a few lines (stands in for a photo of a
    sign or an activity)."""
    from PIL import Image, ImageDraw

    width, height = 960, 140 + 48 * max(len(lines), 1)
    image = Image.new("RGB", (width, height), (246, 248, 251))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 96], fill=colour)
    draw.text((32, 22), title, fill=(255, 255, 255), font=_font(40))  # type: ignore[arg-type]
    for index, line in enumerate(lines):
        draw.text((40, 124 + 48 * index), line, fill=(27, 36, 48), font=_font(30))  # type: ignore[arg-type]
    draw.rectangle([0, height - 10, width, height], fill=(183, 121, 31))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def png_org_chart(head: str, deputies: Sequence[str], sections: Sequence[str]) -> bytes:
    """An organisation chart: the head, the deputies, the sections."""
    from PIL import Image, ImageDraw

    width, height = 1200, 470
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    blue, line = (29, 78, 137), (85, 96, 110)

    def box(cx: int, cy: int, text: str, w: int = 320) -> None:
        draw.rounded_rectangle(
            [cx - w // 2, cy - 38, cx + w // 2, cy + 38],
            12,
            fill=(230, 238, 248),
            outline=blue,
            width=3,
        )
        draw.text((cx, cy), text, fill=(22, 59, 104), font=_font(26), anchor="mm")  # type: ignore[arg-type]

    box(width // 2, 70, head, 420)
    draw.line([width // 2, 108, width // 2, 160], fill=line, width=3)
    xs = [width // (len(deputies) + 1) * (i + 1) for i in range(len(deputies))]
    draw.line([xs[0], 160, xs[-1], 160], fill=line, width=3)
    for x, name in zip(xs, deputies, strict=True):
        draw.line([x, 160, x, 200], fill=line, width=3)
        box(x, 238, name)
    draw.line([width // 2, 276, width // 2, 330], fill=line, width=3)
    sx = [width // (len(sections) + 1) * (i + 1) for i in range(len(sections))]
    draw.line([sx[0], 330, sx[-1], 330], fill=line, width=3)
    for x, name in zip(sx, sections, strict=True):
        draw.line([x, 330, x, 370], fill=line, width=3)
        box(x, 408, name, 270)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

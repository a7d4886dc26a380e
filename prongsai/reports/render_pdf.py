"""The report model as a PDF: an HTML template laid out by WeasyPrint.

Fonts, the local-only URL fetcher and correct Thai text extraction come from
``prongsai.core.pdf`` (shared with the survey slips and posters): the chart is inline SVG, photos
are data URIs, and nothing is fetched over the network.
"""

from __future__ import annotations

import base64

from django.template.loader import render_to_string
from django.utils import translation

from prongsai.core.pdf import FONT_FAMILY, font_uris, html_to_pdf

from .builder import Report
from .chart import chart_svg
from .images import document_photo


def _data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def _photos(report: Report) -> list[dict[str, str]]:
    out = []
    for photo in report.photos:
        prepared = document_photo(photo.path)
        if prepared is not None:
            out.append({"src": _data_uri(*prepared), "caption": photo.caption})
    return out


def render_pdf(report: Report) -> bytes:
    fonts = font_uris()
    with translation.override("th"):
        context = {
            "r": report,
            "family": FONT_FAMILY,
            "fonts": fonts,
            # As an image (data URI): the template then needs no unescaped markup.
            "chart": _data_uri(
                chart_svg(report.bars, font_family=FONT_FAMILY).encode(), "image/svg+xml"
            )
            if report.bars
            else "",
            "photos": _photos(report),
            "page_counter": "thai" if report.thai_digits else "decimal",
        }
        html = render_to_string("reports/pdf/report.html", context)
        css = render_to_string("reports/pdf/report.css", context)
    # report.css declares the @font-face rules itself (with the page counter's font).
    return html_to_pdf(html, css, with_font_faces=False, footer=report.audit_head)

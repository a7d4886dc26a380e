"""The report model as a PDF: an HTML template laid out by WeasyPrint.

The fonts are the Laksaman files shipped in ``fonts/`` (loaded by ``@font-face`` with file URLs,
embedded and subset in the PDF), so the output never depends on the fonts of the machine. The
renderer fetches nothing over the network: the chart is inline SVG, photos are data URIs, and the
URL fetcher only opens files in our font folder.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .builder import Report
from .chart import FONT_DIR, chart_svg
from .images import document_photo
from .pdf_text import install_actual_text

FONT_FAMILY = "LaksamanReport"  # our @font-face name: no system font can answer to it


def _check_local(url: str) -> None:
    """Only ``data:`` URLs and files inside our font folder: no network, no other files."""
    if url.startswith("data:"):
        return
    if not url.startswith("file:"):
        raise ValueError(f"refusing to fetch {url[:80]} while rendering a report")
    path = Path(url.removeprefix("file://").split("?")[0]).resolve()
    if not path.is_relative_to(FONT_DIR):
        raise ValueError(f"refusing to read {path} while rendering a report")


def _fetcher() -> Any:
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66: a fetcher is a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str) -> Any:
            _check_local(url)
            return default_url_fetcher(url, timeout=5)

        return fetch

    class LocalFontFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=["file", "data"], timeout=5)

        def fetch(self, url: str, headers: Any = None) -> Any:
            _check_local(url)
            return super().fetch(url, headers)

    return LocalFontFetcher()


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
    install_actual_text()
    fonts = {
        "regular": (FONT_DIR / "Laksaman.ttf").as_uri(),
        "bold": (FONT_DIR / "Laksaman-Bold.ttf").as_uri(),
        "italic": (FONT_DIR / "Laksaman-Italic.ttf").as_uri(),
        "bold_italic": (FONT_DIR / "Laksaman-BoldItalic.ttf").as_uri(),
    }
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
    font_config = FontConfiguration()
    fetcher = _fetcher()
    stylesheet = CSS(string=css, font_config=font_config, url_fetcher=fetcher)
    document = HTML(string=html, base_url=str(FONT_DIR) + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[stylesheet], font_config=font_config)
    return pdf

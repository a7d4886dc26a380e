"""HTML to PDF with WeasyPrint, the same way for every document we print.

* Fonts: the Laksaman files shipped in ``core/fonts/`` (SIPA's TH Sarabun PSK letterforms),
  declared with ``@font-face`` under a family name no system font answers to, so the output never
  depends on the machine's fonts and every glyph is embedded.
* No network and no stray files: the URL fetcher opens only ``data:`` URLs and our font folder.
* Thai text extracted or copied from the PDF comes out right (``pdf_text.install_actual_text``).
* Control characters in legacy rows are left out (``xml_safe``), as the DOCX helper does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pdf_text import install_actual_text
from .xml_safe import xml_safe

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "LaksamanEmbedded"
FONT_FILES = {
    ("normal", "normal"): "Laksaman.ttf",
    ("bold", "normal"): "Laksaman-Bold.ttf",
    ("normal", "italic"): "Laksaman-Italic.ttf",
    ("bold", "italic"): "Laksaman-BoldItalic.ttf",
}


def font_uris() -> dict[str, str]:
    return {
        "regular": (FONT_DIR / "Laksaman.ttf").as_uri(),
        "bold": (FONT_DIR / "Laksaman-Bold.ttf").as_uri(),
        "italic": (FONT_DIR / "Laksaman-Italic.ttf").as_uri(),
        "bold_italic": (FONT_DIR / "Laksaman-BoldItalic.ttf").as_uri(),
    }


def font_face_css(family: str = FONT_FAMILY) -> str:
    """``@font-face`` rules for our Thai font, to put before a document's own stylesheet."""
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / name).as_uri()}") format("truetype"); }}'
        for (weight, style), name in FONT_FILES.items()
    )


def _check_local(url: str) -> None:
    if url.startswith("data:"):
        return
    if not url.startswith("file:"):
        raise ValueError(f"refusing to fetch {url[:80]} while rendering a PDF")
    path = Path(url.removeprefix("file://").split("?")[0]).resolve()
    if not path.is_relative_to(FONT_DIR):
        raise ValueError(f"refusing to read {path} while rendering a PDF")


def local_fetcher() -> Any:
    """A WeasyPrint URL fetcher that only opens ``data:`` URLs and our font files."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66: a fetcher is a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str) -> Any:
            _check_local(url)
            return default_url_fetcher(url, timeout=5)

        return fetch

    class LocalFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=["file", "data"], timeout=5)

        def fetch(self, url: str, headers: Any = None) -> Any:
            _check_local(url)
            return super().fetch(url, headers)

    return LocalFetcher()


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def footer_css(text: str) -> str:
    """A small line at the bottom left of every page (the audit head, see core/audit_anchor)."""
    if not text:
        return ""
    margin_box = (
        f'content: {_css_string(text)}; font-family: "{FONT_FAMILY}"; font-size: 8pt; color: #555;'
    )
    return "@page { @bottom-left { " + margin_box + " } }"


def html_to_pdf(html: str, css: str, *, with_font_faces: bool = True, footer: str = "") -> bytes:
    """Lay out ``html`` with ``css`` (our ``@font-face`` rules prepended unless the stylesheet
    declares them itself) and return the PDF. ``footer``: a line printed at the bottom of every
    page — documents pass ``audit_head_line()`` (prongsai.core.audit_anchor)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    install_actual_text()
    font_config = FontConfiguration()
    fetcher = local_fetcher()
    source = f"{font_face_css()}\n{css}" if with_font_faces else css
    source = f"{source}\n{footer_css(footer)}"
    stylesheet = CSS(string=xml_safe(source), font_config=font_config, url_fetcher=fetcher)
    document = HTML(string=xml_safe(html), base_url=str(FONT_DIR) + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[stylesheet], font_config=font_config)
    return pdf

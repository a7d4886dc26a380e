"""Rendering a PDF fetches nothing over the network and reads no file but our shipped fonts."""

from __future__ import annotations

import pytest

from prongsai.core.pdf import FONT_DIR, _check_local


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        f"file://{FONT_DIR}/../pdf.py",
        "ftp://example.com/font.ttf",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="refusing"):
        _check_local(url)


def test_our_fonts_and_data_urls_are_allowed() -> None:
    _check_local((FONT_DIR / "Laksaman.ttf").as_uri())
    _check_local("data:image/svg+xml;base64,PHN2Zy8+")

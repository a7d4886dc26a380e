"""A line in the footer of every page of a Word document (the audit head, core/audit_anchor)."""

from __future__ import annotations

from typing import Any

FOOTER_FONT = "TH Sarabun New"


def docx_footer_line(document: Any, text: str, *, size_pt: float = 8) -> None:
    """Add ``text`` under the existing footer of every section (later sections added with
    ``add_section`` inherit it)."""
    if not text:
        return
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for section in document.sections:
        paragraph = section.footer.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(size_pt)
        run.font.name = FOOTER_FONT
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:cs"), FOOTER_FONT)
        fonts.set(qn("w:eastAsia"), FOOTER_FONT)

"""Word documents in the official Thai layout, the same way for every DOCX the product writes
(the measures report, the OIT appeal pack, the plan's seed-shaped tables, and those to come).

* TH Sarabun New 16 pt (tables 14 pt), set for the complex-script runs too: Word lays Thai out
  with ``w:cs``/``w:szCs`` and ignores the Latin settings for it; language th-TH.
* A4 with the usual margins (top 2.5, bottom 2, left 3, right 2 cm); sections that switch to
  landscape for wide tables and back (``section()``).
* Tables with a shaded header row repeated on every page (``w:tblHeader``) and fixed widths.
* Signature blocks: rank · signature line · role, then "(name)" and the position under the line.
* Page numbers in the footer (Thai digits on request) and a footer line (the audit head),
  clickable links, pictures with captions.
* Every text goes through ``xml_safe``: a legacy row holding control characters renders.

A renderer lays out what its builder wrote; no report wording lives here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from prongsai.core.docx_footer import docx_footer_line
from prongsai.core.xml_safe import xml_safe

FONT = "TH Sarabun New"
BODY_PT = 16
TABLE_PT = 14
HEADER_FILL = "DCE6F2"
LINK_COLOUR = "1D4E89"
INDENT = Cm(2.5)  # first-line indent of body paragraphs
SIGNATURE_LINE = "......................................"

Align = Literal["left", "center", "right", "justify"]
Orientation = Literal["portrait", "landscape"]
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


PORTRAIT = Margins(top=2.5, bottom=2.0, left=3.0, right=2.0)
LANDSCAPE = Margins(top=2.0, bottom=1.5, left=1.5, right=1.5)


@dataclass(frozen=True)
class SignatureBlock:
    role: str  # "ผู้รายงานรายละเอียดการดำเนินการ"
    rank: str
    name: str
    position: str


def _font_xml(r_pr: Any, size_pt: float, *, bold: bool = False) -> None:
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for tag in ("w:sz", "w:szCs"):
        element = r_pr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            r_pr.append(element)
        element.set(qn("w:val"), str(int(size_pt * 2)))
    if bold:
        for tag in ("w:b", "w:bCs"):
            if r_pr.find(qn(tag)) is None:
                r_pr.append(OxmlElement(tag))


class OfficialDocument:
    """One DOCX being written. ``container`` arguments take the document (default) or a cell."""

    def __init__(self, *, orientation: Orientation = "portrait") -> None:
        self.document = Document()
        self._styles()
        self._page(self.document.sections[0], orientation)

    # --- page set-up ---------------------------------------------------------------------
    def _styles(self) -> None:
        for name, size in (("Normal", BODY_PT), ("List Bullet", BODY_PT)):
            style = self.document.styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            _font_xml(style.element.get_or_add_rPr(), size)
        r_pr = self.document.styles["Normal"].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "th-TH")
        lang.set(qn("w:eastAsia"), "th-TH")
        lang.set(qn("w:bidi"), "th-TH")
        r_pr.append(lang)
        normal = self.document.styles["Normal"].paragraph_format
        normal.space_after = Pt(0)
        normal.space_before = Pt(0)

    @staticmethod
    def _page(section: Any, orientation: Orientation) -> None:
        landscape = orientation == "landscape"
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        width, height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
        section.page_width, section.page_height = width, height
        margins = LANDSCAPE if landscape else PORTRAIT
        section.top_margin, section.bottom_margin = Cm(margins.top), Cm(margins.bottom)
        section.left_margin, section.right_margin = Cm(margins.left), Cm(margins.right)

    def section(self, orientation: Orientation) -> None:
        """Start a new page in ``orientation`` (e.g. a landscape section for a wide table)."""
        self._page(self.document.add_section(WD_SECTION.NEW_PAGE), orientation)

    def page_break(self) -> None:
        self.document.add_page_break()

    def page_numbers(self, *, thai_digits: bool = False) -> None:
        """The page number, centred in the footer (linked to the following sections)."""
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE \\* ThaiArabic" if thai_digits else "PAGE")
        run = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        _font_xml(r_pr, TABLE_PT)
        run.append(r_pr)
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    def footer_line(self, text: str) -> None:
        """A small line under the page number on every page (the audit head a document
        carries, ``prongsai.core.audit_anchor.audit_head_line``)."""
        docx_footer_line(self.document, xml_safe(text))

    # --- text ----------------------------------------------------------------------------
    @staticmethod
    def run(paragraph: Any, text: str, *, size: float = BODY_PT, bold: bool = False) -> Any:
        run = paragraph.add_run(xml_safe(text))
        _font_xml(run._element.get_or_add_rPr(), size, bold=bold)
        return run

    def paragraph(
        self,
        text: str = "",
        *,
        container: Any = None,
        bold: bool = False,
        size: float = BODY_PT,
        align: Align | None = None,
        indent: bool = False,
        left: float | None = None,
        space_before: float = 0,
        page_break_before: bool = False,
        colour: str | None = None,
    ) -> Any:
        """A paragraph: ``indent`` is the official first-line indent, ``left`` a left indent
        in cm; ``colour`` a hex RGB for muted notes."""
        paragraph = (container or self.document).add_paragraph()
        if text:
            run = self.run(paragraph, text, size=size, bold=bold)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
        if align is not None:
            paragraph.alignment = _ALIGN[align]
        form = paragraph.paragraph_format
        if indent:
            form.first_line_indent = INDENT
        if left is not None:
            form.left_indent = Cm(left)
        if space_before:
            form.space_before = Pt(space_before)
        if page_break_before:
            form.page_break_before = True
        return paragraph

    def title(self, lines: Sequence[str], *, size: float = 20, next_size: float = 18) -> None:
        """Centred bold title lines (the first one larger)."""
        for index, line in enumerate(lines):
            self.paragraph(line, bold=True, size=size if index == 0 else next_size, align="center")

    def heading(self, text: str, *, size: float = BODY_PT + 2, space_before: float = 12) -> Any:
        return self.paragraph(text, bold=True, size=size, space_before=space_before)

    def labelled(self, label: str, text: str, *, left: float | None = None) -> Any:
        """ "**Label** text" in one paragraph."""
        paragraph = self.paragraph(left=left)
        self.run(paragraph, label, bold=True)
        self.run(paragraph, text)
        return paragraph

    def bullet(self, text: str, *, size: float = BODY_PT) -> Any:
        paragraph = self.document.add_paragraph(style="List Bullet")
        self.run(paragraph, text, size=size)
        return paragraph

    def hyperlink(self, paragraph: Any, url: str, *, size: float = TABLE_PT) -> None:
        """A clickable address (the text is the address itself)."""
        url = xml_safe(url)
        rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        _font_xml(r_pr, size)
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), LINK_COLOUR)
        r_pr.append(colour)
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        r_pr.append(underline)
        run.append(r_pr)
        text = OxmlElement("w:t")
        text.text = url
        text.set(qn("xml:space"), "preserve")
        run.append(text)
        link.append(run)
        paragraph._p.append(link)

    def link_paragraph(
        self, url: str, *, label: str = "", left: float | None = None, size: float = TABLE_PT
    ) -> Any:
        paragraph = self.paragraph(left=left)
        if label:
            self.run(paragraph, label, size=BODY_PT)
        self.hyperlink(paragraph, url, size=size)
        return paragraph

    def picture(self, content: bytes, *, width_cm: float, caption: str = "") -> None:
        paragraph = self.paragraph(align="center", space_before=8)
        paragraph.add_run().add_picture(io.BytesIO(content), width=Cm(width_cm))
        if caption:
            self.paragraph(caption, size=TABLE_PT, align="center")

    # --- tables --------------------------------------------------------------------------
    def cell_text(self, cell: Any, text: str, *, bold: bool = False, size: float = TABLE_PT) -> Any:
        """Replace the cell's text; ``\\n`` starts a new paragraph. Returns the last one."""
        lines = text.split("\n") if text else [""]
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(lines):
            if index:
                paragraph = cell.add_paragraph()
            self.run(paragraph, line, size=size, bold=bold)
        return paragraph

    def table(
        self,
        headers: Sequence[str],
        widths_cm: Sequence[float],
        *,
        size: float = TABLE_PT,
        centred: bool = False,
    ) -> Any:
        """A grid table whose shaded header row repeats on every page. Add rows with
        :meth:`row`; call :meth:`fix_widths` when done."""
        table = self.document.add_table(rows=1, cols=len(widths_cm))
        table.style = "Table Grid"
        table.autofit = False
        if centred:
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, title in zip(header.cells, headers, strict=True):
            self.cell_text(cell, title, bold=True, size=size)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.shade(cell, HEADER_FILL)
        return table

    def row(self, table: Any, values: Sequence[str], *, size: float = TABLE_PT) -> list[Any]:
        cells = list(table.add_row().cells)
        for cell, value in zip(cells, values, strict=False):
            self.cell_text(cell, value, size=size)
        return cells

    @staticmethod
    def fix_widths(table: Any, widths_cm: Sequence[float]) -> None:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)

    @staticmethod
    def shade(cell: Any, fill: str) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        tc_pr.append(shading)

    @staticmethod
    def _no_borders(table: Any) -> None:
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        table._tbl.tblPr.append(borders)

    # --- signatures ----------------------------------------------------------------------
    def signature(self, block: SignatureBlock, *, space_before: float = 30) -> None:
        """Rank · signature line · role, then "(name)" and the position under the line (the
        official layout, as in the seed report)."""
        self.paragraph(space_before=space_before)
        table = self.document.add_table(rows=3, cols=3)
        self._no_borders(table)
        table.autofit = False
        name = f"({block.name})" if block.name else "(" + " " * 30 + ")"
        rows = [
            (block.rank, SIGNATURE_LINE, block.role),
            ("", name, ""),
            ("", block.position, ""),
        ]
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text, width in zip(row.cells, texts, (2.6, 6.2, 7.2), strict=True):
                cell.width = Cm(width)
                self.cell_text(cell, text, size=BODY_PT)
            row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    # --- output --------------------------------------------------------------------------
    def to_bytes(self, *, title: str = "") -> bytes:
        core = self.document.core_properties
        core.title = xml_safe(title)[:250]
        core.author = "Prongsai"
        core.language = "th-TH"
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

"""The report model as a Word document (python-docx), in the official Thai layout.

TH Sarabun New 16 pt (set for the complex-script runs too — Word lays Thai out with ``w:cs`` and
``w:szCs``), A4 portrait with the measures table in its own landscape section whose header row
repeats on every page (``w:tblHeader``), signature blocks, appendices, page numbers in the footer.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from prongsai.core.docx_footer import docx_footer_line

from .builder import MeasureLine, Report
from .chart import chart_png
from .images import document_photo

FONT = "TH Sarabun New"
BODY_PT = 16
TABLE_PT = 14
INDENT = Cm(2.5)
MEASURE_HEADERS = (
    "ที่",
    "ตัวชี้วัด",
    "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ",
    "กิจกรรมที่จะดำเนินการ",
    "ผลผลิต",
    "วิธีการสร้างการรับรู้",
    "ระยะเวลาแล้วเสร็จ",
    "ผู้รับผิดชอบ",
    "ระยะเวลากำกับติดตาม",
    "ผลการดำเนินการ",
)
MEASURE_WIDTHS_CM = (0.9, 2.4, 3.0, 5.4, 2.6, 2.0, 2.3, 2.9, 2.1, 3.1)  # 26.7 cm (A4 landscape)


def _font_xml(r_pr: Any, size_pt: float, *, bold: bool = False) -> None:
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
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


def _setup(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    r_pr = normal.element.get_or_add_rPr()
    _font_xml(r_pr, BODY_PT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:eastAsia"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")
    r_pr.append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)


def _run(paragraph: Any, text: str, *, size: float = BODY_PT, bold: bool = False) -> Any:
    run = paragraph.add_run(text)
    _font_xml(run._element.get_or_add_rPr(), size, bold=bold)
    return run


def _para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    size: float = BODY_PT,
    align: Any = None,
    indent: Any = None,
    left: Any = None,
    space_before: float = 0,
) -> Any:
    paragraph = container.add_paragraph()
    if text:
        _run(paragraph, text, size=size, bold=bold)
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = indent
    if left is not None:
        paragraph.paragraph_format.left_indent = left
    if space_before:
        paragraph.paragraph_format.space_before = Pt(space_before)
    return paragraph


def _page_number_footer(section: Any, thai: bool) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE \\* ThaiArabic" if thai else "PAGE")
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    _font_xml(r_pr, TABLE_PT)
    run.append(r_pr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _hyperlink(paragraph: Any, url: str, *, size: float = TABLE_PT) -> None:
    part = paragraph.part
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    _font_xml(r_pr, size)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1D4E89")
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


def _cell_text(cell: Any, text: str, *, bold: bool = False, size: float = TABLE_PT) -> None:
    lines = text.split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        _run(paragraph, line, size=size, bold=bold)


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _result_cell(cell: Any, line: MeasureLine) -> None:
    _cell_text(cell, line.status, bold=True)
    if line.result_note:
        for text in line.result_note.split("\n"):
            _run(cell.add_paragraph(), text, size=TABLE_PT)
    for update in line.updates:
        paragraph = cell.add_paragraph()
        _run(paragraph, f"• {update.date} ", size=TABLE_PT, bold=True)
        _run(paragraph, update.text, size=TABLE_PT)
        if update.photos:
            _run(paragraph, f" (ภาพ {update.photos})", size=TABLE_PT)
        for url in update.links:
            _hyperlink(cell.add_paragraph(), url, size=TABLE_PT - 2)


def _measures_table(document: Any, report: Report) -> None:
    table = document.add_table(rows=1, cols=len(MEASURE_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    for cell, title in zip(header.cells, MEASURE_HEADERS, strict=True):
        _cell_text(cell, title, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _shade(cell, "DCE6F2")
    for line in report.measures:
        cells = table.add_row().cells
        values = (
            line.number,
            line.indicator,
            line.issue,
            line.activity,
            line.output,
            line.channels,
            line.period,
            line.responsible,
            line.cadence,
        )
        for cell, value in zip(cells[:-1], values, strict=True):
            _cell_text(cell, value)
        _result_cell(cells[-1], line)
    for row in table.rows:
        for cell, width in zip(row.cells, MEASURE_WIDTHS_CM, strict=True):
            cell.width = Cm(width)


def _no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _signatures(document: Any, report: Report) -> None:
    """Rank · signature line · role, then the name in brackets and the position under the line
    (the official layout, as in the seed)."""
    for signature in report.signatures:
        _para(document, space_before=30)
        table = document.add_table(rows=3, cols=3)
        _no_borders(table)
        table.autofit = False
        name = f"({signature.name})" if signature.name else "(" + " " * 30 + ")"
        cells = [
            (signature.rank, "......................................", signature.role),
            ("", name, ""),
            ("", signature.position, ""),
        ]
        for row, texts in zip(table.rows, cells, strict=True):
            for cell, text, width in zip(row.cells, texts, (2.6, 6.2, 7.2), strict=True):
                cell.width = Cm(width)
                _cell_text(cell, text, size=BODY_PT)
            row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _appendices(document: Any, report: Report) -> None:
    _para(document, report.appendix_a_title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if report.site:
        paragraph = _para(document, "เว็บไซต์ของหน่วยงาน ")
        _hyperlink(paragraph, report.site, size=BODY_PT)
    for group in report.oit_groups:
        _para(document, group.title, bold=True, space_before=6)
        current = None
        for item in group.items:
            if item.group != current:
                _para(document, item.group, left=Cm(0.75))
                current = item.group
            _para(document, f"{item.label} {item.title}", left=Cm(1.5))
            _hyperlink(_para(document, left=Cm(1.5)), item.url, size=TABLE_PT - 2)

    paragraph = _para(document, report.appendix_b_title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.page_break_before = True
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    headers = ("ข้อ", "รายการ", "ข้อมูลที่เผยแพร่", "สถานะ", "ผลการตรวจ")
    _repeat_header(table.rows[0])
    for cell, title in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, title, bold=True)
        _shade(cell, "DCE6F2")
    for item in report.oit_status:
        cells = table.add_row().cells
        for cell, value in zip(
            cells, (item.label, item.title, item.evidence, item.state, item.result), strict=True
        ):
            _cell_text(cell, value)
    for row in table.rows:
        for cell, width in zip(row.cells, (1.3, 7.5, 3.2, 2.6, 1.9), strict=True):
            cell.width = Cm(width)

    if report.photos:
        paragraph = _para(
            document, "ภาคผนวก ค ภาพประกอบผลการดำเนินการ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        paragraph.paragraph_format.page_break_before = True
        for photo in report.photos:
            prepared = document_photo(photo.path)
            if prepared is None:
                continue
            picture = _para(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=8)
            picture.add_run().add_picture(io.BytesIO(prepared[0]), width=Cm(11))
            _para(document, photo.caption, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)


def render_docx(report: Report) -> bytes:
    document = Document()
    _setup(document)
    first = document.sections[0]
    _page_number_footer(first, report.thai_digits)
    docx_footer_line(document, report.audit_head)

    for index, line in enumerate(report.title_lines):
        _para(
            document,
            line,
            bold=True,
            size=20 if index == 0 else 18,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    _para(document)
    justify = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
    _para(document, report.intro, indent=INDENT, align=justify)
    one, two, three = ("๑.", "๒.", "๓.") if report.thai_digits else ("1.", "2.", "3.")
    _para(
        document,
        f"{one} {report.unit_name}ได้มีคำสั่งแต่งตั้งคณะขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส รายละเอียดดังนี้",
        bold=True,
        indent=INDENT,
        space_before=6,
    )
    _para(document, f"- {report.working_group}", indent=INDENT, align=justify)
    if report.briefing_date or report.briefing:
        _para(
            document,
            f"- วันที่ {report.briefing_date} {report.briefing}".replace("วันที่  ", ""),
            indent=INDENT,
            align=justify,
        )
    _para(document, f"{two} {report.areas_intro}", bold=True, indent=INDENT, space_before=6)
    for area in report.areas:
        _para(document, f"{area.number} {area.title}", left=Cm(2.5))
        if area.owner:
            _para(document, f"ผู้รับผิดชอบ: {area.owner}", size=TABLE_PT, left=Cm(3.2))
    _para(document, report.areas_closing, indent=INDENT, align=justify)
    _para(document, f"{three} {report.progress_intro}", bold=True, indent=INDENT, space_before=6)
    _para(document, report.as_of, size=TABLE_PT, left=Cm(2.5))
    for figure in report.figures:
        paragraph = _para(document, left=Cm(2.5))
        _run(paragraph, f"{figure.label}: ", bold=True)
        _run(paragraph, figure.value)
        if figure.detail:
            _run(paragraph, f" ({figure.detail})")
    if report.bars:
        picture = _para(document, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=6)
        picture.add_run().add_picture(io.BytesIO(chart_png(report.bars)), width=Cm(14))
        _para(document, report.chart_caption, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)

    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(landscape, side, Cm(1.5))
    landscape.top_margin, landscape.bottom_margin = Cm(2.0), Cm(1.5)
    _para(document, report.measures_title, bold=True, size=18, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, report.measures_until, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _measures_table(document, report)

    portrait = document.add_section(WD_SECTION.NEW_PAGE)
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = Cm(21.0), Cm(29.7)
    portrait.top_margin, portrait.bottom_margin = Cm(2.5), Cm(2.0)
    portrait.left_margin, portrait.right_margin = Cm(3.0), Cm(2.0)
    _signatures(document, report)
    document.add_page_break()
    _appendices(document, report)
    note = _para(
        document, report.generated, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT, space_before=12
    )
    note.runs[0].font.color.rgb = RGBColor(0x55, 0x60, 0x6E)

    core = document.core_properties
    core.title = " ".join(report.title_lines[:4])
    core.author = "Prongsai"
    core.language = "th-TH"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

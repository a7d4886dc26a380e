"""The OIT table as XLSX and CSV, the ITA links list, and the appeal pack (DOCX).

Builders take the assessment and return bytes or text; views only add headers. Everything reads
``oit_item_summaries`` (the same summary the report generator uses), so the exports, the links
page and the reports agree.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.docx_footer import docx_footer_line
from prongsai.core.thai_dates import thai_date
from prongsai.organizations.selectors import unit_heads
from prongsai.spreadsheets import writer

from .models import ItemWork, ReviewResult
from .rules import passing_results
from .selectors import OitItemSummary, evidence_public_url, failed_works, oit_item_summaries

URL_SEPARATOR = "\n"


def table_headers() -> list[str]:
    return [
        _("Item"),
        _("Title"),
        _("Public page (URL)"),
        _("Evidence (URLs)"),
        _("Period from"),
        _("Period to"),
        _("State"),
        _("Result"),
    ]


def _row(summary: OitItemSummary) -> list[object]:
    return [
        summary.code,
        summary.title_th,
        summary.public_url,
        URL_SEPARATOR.join(summary.evidence_urls),
        summary.period_start,
        summary.period_end,
        summary.state_label,
        summary.result_label,
    ]


def oit_table_xlsx(assessment: Assessment) -> bytes:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = writer.new_workbook()
    sheet = writer.new_sheet(workbook, f"OIT {assessment.year}", table_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for summary in oit_item_summaries(assessment):
        row = writer.append_row(sheet, _row(summary))
        sheet.cell(row=row, column=3).hyperlink = summary.public_url
        for column in (5, 6):
            sheet.cell(row=row, column=column).number_format = "yyyy-mm-dd"
        sheet.cell(row=row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate((8, 60, 55, 70, 12, 12, 22, 12), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    return writer.workbook_bytes(workbook)


def oit_table_csv(assessment: Assessment) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows the Thai text correctly."""
    rows = [_row(summary) for summary in oit_item_summaries(assessment)]
    return writer.csv_bytes([table_headers(), *rows])


def ita_links(assessment: Assessment) -> list[tuple[str, str]]:
    """``(item id, absolute public URL)`` per item, in the framework's order."""
    return [(s.code, s.public_url) for s in oit_item_summaries(assessment)]


def ita_links_text(links: Iterable[tuple[str, str]]) -> str:
    return "".join(f"{code}\t{url}\n" for code, url in links)


# ---- appeal pack ---------------------------------------------------------------------------
FONT = "TH Sarabun New"


def _thai_font(document: object, size_pt: int = 16) -> None:
    """TH Sarabun-style text at 16 pt (headings larger), also for the complex-script (Thai)
    runs, which Word styles separately (w:cs, w:szCs)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    sizes = {"Normal": size_pt, "Heading 2": size_pt + 2, "List Bullet": size_pt}
    for name, size in sizes.items():
        style = document.styles[name]  # type: ignore[attr-defined]
        style.font.name = FONT
        style.font.size = Pt(size)
        if name.startswith("Heading"):
            style.font.color.rgb = RGBColor(0, 0, 0)
        properties = style.element.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        size_cs = properties.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = properties.makeelement(qn("w:szCs"), {})
            properties.append(size_cs)
        size_cs.set(qn("w:val"), str(size * 2))


def _failed_criteria(
    work: ItemWork, conditional_passes: bool | None
) -> list[tuple[str, str, str, str]]:
    ok = passing_results(conditional_passes)
    out = []
    for row in work.criterion_rows.all():
        if row.result and row.result not in ok:
            out.append(
                (
                    row.criterion.code,
                    row.criterion.text_th,
                    str(ReviewResult(row.result).label),
                    row.comment,
                )
            )
    return out


def appeal_pack_docx(assessment: Assessment) -> bytes:
    """For each item the evaluator failed: the criteria not met, the evaluator's comment (never
    the private note), the links the unit originally gave and the unit's clarification."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    unit = assessment.unit
    spec = assessment.framework.spec
    document = Document()
    _thai_font(document)
    docx_footer_line(document, audit_head_line())
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(_("Clarification of the OIT assessment results")).bold = True
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.add_run(
        _("%(unit)s · fiscal year %(year)s") % {"unit": unit.name_th, "year": assessment.year}
    )
    document.add_paragraph(
        _(
            "The unit asks the evaluator to review again the items below, which were assessed as "
            "not meeting the criteria, on the evidence it originally published at the links given."
        )
    )
    works = failed_works(assessment)
    if not works:
        document.add_paragraph(_("No item was failed by the evaluator."))
    for work in works:
        item = work.item
        document.add_heading(f"{item.code} {item.title_th}", level=2)
        failed = _failed_criteria(work, spec.oit.conditional_passes)
        if failed:
            document.add_paragraph(_("Criteria not met")).runs[0].bold = True
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                (_("Criterion"), _("Requirement"), _("Result"), _("Evaluator's comment")),
                strict=True,
            ):
                cell.text = text
            for code, text, result, comment in failed:
                cells = table.add_row().cells
                for cell, value in zip(cells, (code, text, result, comment or "–"), strict=True):
                    cell.text = value
        elif work.decision:
            document.add_paragraph(
                _("Decision: %(decision)s") % {"decision": ReviewResult(work.decision).label}
            )
        if work.review_comment:
            paragraph = document.add_paragraph()
            paragraph.add_run(_("Evaluator's comment: ")).bold = True
            paragraph.add_run(work.review_comment)
        document.add_paragraph(_("Links originally given")).runs[0].bold = True
        urls = [
            evidence_public_url(e, unit.slug, assessment.year, item.code)
            for e in work.evidence.all()
            if e.is_published
        ]
        if not urls:
            document.add_paragraph(_("(no published evidence)"))
        for url in urls:
            document.add_paragraph(url, style="List Bullet")
        paragraph = document.add_paragraph()
        paragraph.add_run(_("The unit's clarification: ")).bold = True
        paragraph.add_run(work.clarification_text or _("(not written yet)"))

    heads = list(unit_heads(unit))
    document.add_paragraph("")
    for head in heads[:1]:
        for line in (
            _("Signed ........................................ head of the unit"),
            f"({head.rank} {head.user.get_full_name()})".replace("( ", "("),
            head.position,
        ):
            paragraph = document.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date = document.add_paragraph(thai_date(timezone.localdate()))
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

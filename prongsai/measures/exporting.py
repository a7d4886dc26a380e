"""The plan as files: XLSX (imports back unchanged) and seed-shaped Word tables.

The XLSX has the seed's nine columns plus the ones that make it exact (order, user accounts,
cadence, result details, OIT items). The Word file has the seed's nine columns only, one table per
indicator, with blank continuation cells: the shape units already keep their plan in.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from prongsai.assessments.models import Assessment
from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.docx_footer import docx_footer_line
from prongsai.spreadsheets.writer import append_row, new_sheet, new_workbook, workbook_bytes

from .importing.plan_table import EXPORT_ORDER, REQUIRED, header_text
from .models import PlanRow
from .parsing import (
    CADENCE_TH,
    STATUS_TH,
    cadence_display,
    format_channels,
    format_period,
    indicator_label,
    period_for_export,
)
from .selectors import indicator_titles

DOC_FONT = "TH Sarabun New"  # the government's standard Thai font, installed on office PCs


def _row_values(row: PlanRow, titles: dict[str, str]) -> dict[str, object]:
    usernames = sorted(u.get_username() for u in row.responsible_users.all())
    return {
        "position": row.position,
        "indicator": indicator_label(row.indicator, titles),
        "issue": row.issue,
        "activity": row.activity,
        "output": row.output,
        "channels": format_channels(row.channels, row.channels_other, tag_other=True),
        "period": period_for_export(row.period_start, row.period_end, row.period_text),
        "responsible": "\n".join(row.responsible_positions),
        "users": "\n".join(usernames),
        "monitoring": cadence_display(row.cadence, row.cadence_text),
        "cadence": CADENCE_TH.get(row.cadence, ""),
        "result": STATUS_TH.get(row.status, ""),
        "result_note": row.result_note,
        "oit": ", ".join(row.oit_items),
        "notes": row.notes,
    }


WIDTHS = {
    "position": 7,
    "indicator": 22,
    "issue": 30,
    "activity": 45,
    "output": 24,
    "channels": 18,
    "period": 26,
    "responsible": 26,
    "users": 16,
    "monitoring": 20,
    "cadence": 14,
    "result": 20,
    "result_note": 30,
    "oit": 12,
    "notes": 30,
}


def plan_xlsx(assessment: Assessment, rows: Iterable[PlanRow] | None = None) -> bytes:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    titles = indicator_titles(assessment)
    if rows is None:
        rows = PlanRow.objects.filter(assessment=assessment).prefetch_related("responsible_users")
    workbook = new_workbook()
    sheet = new_sheet(workbook, f"แผน {assessment.year}", [header_text(k) for k in EXPORT_ORDER])
    header_font = Font(name=DOC_FONT, size=14, bold=True)
    body_font = Font(name=DOC_FONT, size=14)
    fill = PatternFill("solid", fgColor="DCE6F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = header_font, fill, wrap
    for row in rows:
        values = _row_values(row, titles)
        append_row(sheet, [values[key] for key in EXPORT_ORDER])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.font, cell.alignment = body_font, wrap
    for index, key in enumerate(EXPORT_ORDER, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[key]
    last = max(sheet.max_row, 2)
    for key, choices in (("result", STATUS_TH.values()), ("cadence", CADENCE_TH.values())):
        letter = get_column_letter(EXPORT_ORDER.index(key) + 1)
        validation = DataValidation(
            type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
        )
        validation.add(f"{letter}2:{letter}{last + 500}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(EXPORT_ORDER))}{last}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    return workbook_bytes(workbook)


# --- seed-shaped Word tables ----------------------------------------------------------------
@dataclass
class WordTable:
    rows: list[list[str]]  # nine cells per row, in REQUIRED order
    header: bool = True


def plan_word_tables(rows: Sequence[PlanRow], titles: dict[str, str]) -> list[WordTable]:
    """One table per indicator, indicator and repeated issues left blank (they continue)."""
    tables: list[WordTable] = []
    current_indicator, current_issue = None, None
    for row in rows:
        if row.indicator != current_indicator:
            tables.append(WordTable(rows=[]))
            current_indicator, current_issue = row.indicator, None
        tables[-1].rows.append(
            [
                indicator_label(row.indicator, titles, digits=True) if not tables[-1].rows else "",
                row.issue if row.issue != current_issue else "",
                row.activity,
                row.output,
                format_channels(row.channels, row.channels_other),
                format_period(row.period_start, row.period_end, row.period_text, digits=True),
                "\n".join(
                    [
                        *row.responsible_positions,
                        *(
                            u.get_full_name() or u.get_username()
                            for u in row.responsible_users.all()
                        ),
                    ]
                ),
                cadence_display(row.cadence, row.cadence_text),
                "\n".join(filter(None, [STATUS_TH.get(row.status, ""), row.result_note])),
            ]
        )
        current_issue = row.issue
    return tables


def _set_run_font(run: object, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = DOC_FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size_pt)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    r_pr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), DOC_FONT)
    size_cs = r_pr.find(qn("w:szCs"))
    if size_cs is None:
        from docx.oxml import OxmlElement

        size_cs = OxmlElement("w:szCs")
        r_pr.append(size_cs)
    size_cs.set(qn("w:val"), str(int(size_pt * 2)))
    if bold:
        from docx.oxml import OxmlElement

        if r_pr.find(qn("w:bCs")) is None:
            r_pr.append(OxmlElement("w:bCs"))


def _write_cell(cell: object, text: str, *, bold: bool = False, size: float = 14) -> None:
    lines = text.split("\n") if text else [""]
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()  # type: ignore[attr-defined]
        _set_run_font(paragraph.add_run(line), size, bold)


def word_tables_docx(tables: Sequence[WordTable], *, title: str = "", footer: str = "") -> bytes:
    """A landscape document of seed-shaped measures tables (header row repeated per page)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = Document()
    docx_footer_line(document, footer)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    if title:
        _set_run_font(document.add_paragraph().add_run(title), 16, bold=True)
    widths = [Cm(w) for w in (2.6, 3.4, 5.6, 3.0, 2.4, 2.6, 3.2, 2.4, 1.5)]
    for table_data in tables:
        table = document.add_table(rows=0, cols=len(REQUIRED))
        table.style = "Table Grid"
        if table_data.header:
            cells = table.add_row().cells
            for cell, key in zip(cells, REQUIRED, strict=True):
                _write_cell(cell, header_text(key), bold=True)
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
        for values in table_data.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                _write_cell(cell, text)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        document.add_paragraph()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plan_docx(assessment: Assessment, rows: QuerySet[PlanRow] | None = None) -> bytes:
    titles = indicator_titles(assessment)
    if rows is None:
        rows = PlanRow.objects.filter(assessment=assessment).prefetch_related("responsible_users")
    from prongsai.core.thai_dates import thai_digits

    title = thai_digits(
        f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {assessment.year} "
        f"ของ{assessment.unit.name_th}"
    )
    return word_tables_docx(
        plan_word_tables(list(rows), titles), title=title, footer=audit_head_line()
    )

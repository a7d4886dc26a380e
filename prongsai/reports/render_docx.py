"""The report model as a Word document, laid out with the shared official-layout helper
(``prongsai.documents.official_docx``): A4 portrait, the measures table in its own landscape
section whose header row repeats on every page, signature blocks, appendices, page numbers.

Every word comes from the report model (``builder.py``); this module only places it.
"""

from __future__ import annotations

from typing import Any

from prongsai.documents.official_docx import BODY_PT, TABLE_PT, OfficialDocument, SignatureBlock

from .builder import MeasureLine, Report
from .chart import chart_png
from .images import document_photo

# Column widths (cm) by column key: 26.7 cm across A4 landscape; appendix B on A4 portrait.
MEASURE_WIDTHS_CM = {
    "no": 0.9,
    "ind": 2.4,
    "issue": 3.0,
    "act": 5.4,
    "out": 2.6,
    "ch": 2.0,
    "per": 2.3,
    "resp": 2.9,
    "mon": 2.1,
    "res": 3.1,
}
STATUS_WIDTHS_CM = {"code": 1.3, "title": 7.5, "evidence": 3.2, "state": 2.6, "result": 1.9}


def _result_cell(doc: OfficialDocument, cell: Any, line: MeasureLine) -> None:
    doc.cell_text(cell, line.status, bold=True)
    if line.result_note:
        for text in line.result_note.split("\n"):
            doc.run(cell.add_paragraph(), text, size=TABLE_PT)
    for update in line.updates:
        paragraph = cell.add_paragraph()
        doc.run(paragraph, f"• {update.date} ", size=TABLE_PT, bold=True)
        doc.run(paragraph, update.text, size=TABLE_PT)
        if update.photos_note:
            doc.run(paragraph, f" {update.photos_note}", size=TABLE_PT)
        for url in update.links:
            doc.hyperlink(cell.add_paragraph(), url, size=TABLE_PT - 2)


def _measures_table(doc: OfficialDocument, report: Report) -> None:
    widths = [MEASURE_WIDTHS_CM[c.key] for c in report.measure_columns]
    table = doc.table([c.title for c in report.measure_columns], widths, centred=True)
    for line in report.measures:
        cells = doc.row(
            table,
            (
                line.number,
                line.indicator,
                line.issue,
                line.activity,
                line.output,
                line.channels,
                line.period,
                line.responsible,
                line.cadence,
            ),
        )
        _result_cell(doc, cells[-1], line)
    if not report.measures:
        doc.row(table, ("", report.no_measures))
    doc.fix_widths(table, widths)


def _appendices(doc: OfficialDocument, report: Report) -> None:
    doc.paragraph(report.appendix_a_title, bold=True, align="center")
    if report.site:
        doc.link_paragraph(report.site, label=f"{report.site_label} ", size=BODY_PT)
    for group in report.oit_groups:
        doc.paragraph(group.title, bold=True, space_before=6)
        current = None
        for item in group.items:
            if item.group != current:
                doc.paragraph(item.group, left=0.75)
                current = item.group
            doc.paragraph(f"{item.label} {item.title}", left=1.5)
            doc.link_paragraph(item.url, left=1.5, size=TABLE_PT - 2)

    doc.paragraph(report.appendix_b_title, bold=True, align="center", page_break_before=True)
    widths = [STATUS_WIDTHS_CM[c.key] for c in report.status_columns]
    table = doc.table([c.title for c in report.status_columns], widths)
    for item in report.oit_status:
        doc.row(table, (item.label, item.title, item.evidence, item.state, item.result))
    doc.fix_widths(table, widths)

    photos = [(document_photo(p.path), p.caption) for p in report.photos]
    photos = [(prepared, caption) for prepared, caption in photos if prepared is not None]
    if photos:
        doc.paragraph(report.appendix_c_title, bold=True, align="center", page_break_before=True)
        for prepared, caption in photos:
            assert prepared is not None
            doc.picture(prepared[0], width_cm=11, caption=caption)


def render_docx(report: Report) -> bytes:
    doc = OfficialDocument()
    doc.page_numbers(thai_digits=report.thai_digits)
    doc.footer_line(report.audit_head)
    doc.title(report.title_lines)
    doc.paragraph()
    doc.paragraph(report.intro, indent=True, align="justify")
    doc.paragraph(report.order_heading, bold=True, indent=True, space_before=6)
    doc.paragraph(f"- {report.working_group}", indent=True, align="justify")
    if report.briefing_line:
        doc.paragraph(f"- {report.briefing_line}", indent=True, align="justify")
    doc.paragraph(report.areas_heading, bold=True, indent=True, space_before=6)
    for area in report.areas:
        doc.paragraph(f"{area.number} {area.title}", left=2.5)
        if area.owner_line:
            doc.paragraph(area.owner_line, size=TABLE_PT, left=3.2)
    doc.paragraph(report.areas_closing, indent=True, align="justify")
    doc.paragraph(report.progress_heading, bold=True, indent=True, space_before=6)
    doc.paragraph(report.as_of, size=TABLE_PT, left=2.5)
    for figure in report.figures:
        paragraph = doc.labelled(f"{figure.label}: ", figure.value, left=2.5)
        if figure.detail:
            doc.run(paragraph, f" ({figure.detail})")
    if report.bars:
        doc.picture(chart_png(report.bars), width_cm=14, caption=report.chart_caption)

    doc.section("landscape")
    doc.paragraph(report.measures_title, bold=True, size=18, align="center")
    doc.paragraph(report.measures_until, size=TABLE_PT, align="center")
    _measures_table(doc, report)

    doc.section("portrait")
    for signature in report.signatures:
        doc.signature(
            SignatureBlock(
                role=signature.role,
                rank=signature.rank,
                name=signature.name,
                position=signature.position,
            )
        )
    doc.page_break()
    _appendices(doc, report)
    doc.paragraph(report.generated, size=12, align="right", space_before=12, colour="55606E")
    return doc.to_bytes(title=" ".join(report.title_lines[:4]))

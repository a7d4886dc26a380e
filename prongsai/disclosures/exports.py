"""The OIT table as XLSX and CSV, the ITA links list, and the appeal pack (DOCX).

Builders take the assessment and return bytes or text; views only add headers. Everything reads
``oit_item_summaries`` (the same summary the report generator uses), so the exports, the links
page and the reports agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.audit_anchor import audit_head_line
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


# Other formats of ``ita_links`` that a higher app provides (``json``: the disclosure manifest,
# prongsai/api), registered from its AppConfig.ready(): format name → assessment → text.
LINKS_FORMATS: dict[str, Callable[[Assessment], str]] = {}


def register_links_format(name: str, render: Callable[[Assessment], str]) -> None:
    LINKS_FORMATS[name] = render


# ---- appeal pack ---------------------------------------------------------------------------
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
    the private note), the links the unit originally gave and the unit's clarification; signed
    by the unit's head. Official layout (``prongsai.documents.official_docx``)."""
    from prongsai.documents.official_docx import OfficialDocument, SignatureBlock

    unit = assessment.unit
    spec = assessment.framework.spec
    doc = OfficialDocument()
    doc.page_numbers()
    doc.footer_line(audit_head_line())
    doc.title(
        [
            _("Clarification of the OIT assessment results"),
            _("%(unit)s · fiscal year %(year)s") % {"unit": unit.name_th, "year": assessment.year},
        ],
        size=18,
        next_size=16,
    )
    doc.paragraph(
        _(
            "The unit asks the evaluator to review again the items below, which were assessed as "
            "not meeting the criteria, on the evidence it originally published at the links given."
        ),
        indent=True,
        align="justify",
        space_before=12,
    )
    works = failed_works(assessment)
    if not works:
        doc.paragraph(_("No item was failed by the evaluator."))
    for work in works:
        item = work.item
        doc.heading(f"{item.code} {item.title_th}")
        failed = _failed_criteria(work, spec.oit.conditional_passes)
        if failed:
            doc.paragraph(_("Criteria not met"), bold=True)
            widths = (1.6, 7.4, 2.0, 5.0)
            table = doc.table(
                (_("Criterion"), _("Requirement"), _("Result"), _("Evaluator's comment")), widths
            )
            for code, text, result, comment in failed:
                doc.row(table, (code, text, result, comment or "–"))
            doc.fix_widths(table, widths)
        elif work.decision:
            doc.paragraph(
                _("Decision: %(decision)s") % {"decision": ReviewResult(work.decision).label}
            )
        if work.review_comment:
            doc.labelled(_("Evaluator's comment: "), work.review_comment)
        doc.paragraph(_("Links originally given"), bold=True, space_before=6)
        urls = [
            evidence_public_url(e, unit.slug, assessment.year, item.code)
            for e in work.evidence.all()
            if e.is_published
        ]
        if not urls:
            doc.paragraph(_("(no published evidence)"))
        for url in urls:
            doc.link_paragraph(url, left=0.75)
        doc.labelled(
            _("The unit's clarification: "), work.clarification_text or _("(not written yet)")
        )

    for head in list(unit_heads(unit))[:1]:
        doc.signature(
            SignatureBlock(
                role=_("Head of the unit"),
                rank=head.rank,
                name=head.user.get_full_name(),
                position=head.position,
            )
        )
    doc.paragraph(thai_date(timezone.localdate()), align="center", space_before=12)
    return doc.to_bytes(title=_("Clarification of the OIT assessment results"))

"""The audit chain's head is published where the database cannot reach: the unit's public pages
show the latest anchor, and every generated report and document prints the head it was made at."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command

from prongsai.core.audit_anchor import SHORT_HASH, current_head, latest_anchor

from ..reports.helpers import pdf_text


def test_the_public_oit_pages_show_the_latest_anchor(assessment: Any, client: Any) -> None:
    page = f"/p/{assessment.unit.slug}/{assessment.year}/oit/"
    assert 'data-testid="audit-head"' not in client.get(page).content.decode()  # none yet
    call_command("audit_anchor", stdout=StringIO())
    anchor = latest_anchor()
    assert anchor is not None and anchor.seq
    html = client.get(page).content.decode()
    assert f"#{anchor.seq} {anchor.hash[:SHORT_HASH]}" in html


def _docx_footers(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    return "\n".join(p.text for s in document.sections for p in s.footer.paragraphs)


def test_reports_and_documents_carry_the_head_they_were_made_at(
    assessment: Any, tmp_path: Path
) -> None:
    from prongsai.disclosures.exports import appeal_pack_docx
    from prongsai.measures.exporting import plan_docx
    from prongsai.reports.builder import build_report
    from prongsai.reports.render_docx import render_docx
    from prongsai.reports.render_pdf import render_pdf
    from prongsai.surveys.models import Campaign
    from prongsai.surveys.printing import poster_pdf

    head = current_head()
    line = f"#{head.seq} {head.hash[:SHORT_HASH]}"
    report = build_report(assessment, round_=6)
    assert line in report.audit_head
    assert line in _docx_footers(render_docx(report))
    assert line in _docx_footers(appeal_pack_docx(assessment))
    assert line in _docx_footers(plan_docx(assessment))
    for name, pdf in (
        ("report.pdf", render_pdf(report)),
        ("poster.pdf", poster_pdf(Campaign.objects.get(assessment=assessment, instrument="EIT"))),
    ):
        path = tmp_path / name
        path.write_bytes(pdf)
        assert line in pdf_text(path), name


def test_every_generated_workbook_carries_the_head(assessment: Any) -> None:
    from openpyxl import load_workbook

    from prongsai.disclosures.exports import oit_table_xlsx
    from prongsai.measures.exporting import plan_xlsx
    from prongsai.surveys.exporting import export_xlsx
    from prongsai.surveys.models import Campaign

    head = current_head()
    line = f"#{head.seq} {head.hash[:SHORT_HASH]}"
    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    for name, data in (
        ("oit", oit_table_xlsx(assessment)),
        ("plan", plan_xlsx(assessment)),
        ("survey", export_xlsx(campaign)),
    ):
        book = load_workbook(io.BytesIO(data))
        assert line in (book.properties.description or ""), name
        for sheet in book.worksheets:
            assert line in (sheet.oddFooter.left.text or ""), (name, sheet.title)


def test_audit_verify_checks_a_head_read_off_a_document(assessment: Any) -> None:
    import pytest
    from django.core.management import CommandError

    head = current_head()
    call_command(
        "audit_verify", f"--witness={head.seq}:{head.hash[:SHORT_HASH]}", stdout=StringIO()
    )
    with pytest.raises(CommandError, match=f"entry #{head.seq}"):
        call_command(
            "audit_verify", f"--witness={head.seq}:{'0' * SHORT_HASH}",
            stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip

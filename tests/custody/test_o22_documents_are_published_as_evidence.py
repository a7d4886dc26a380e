"""The O22 documents: the system description carries the classes and the unit's procedures,
the practice report of a half year its counts, transfers and resolved discrepancies; both are
PDF (the shipped font) and DOCX, and publishing them adds their public links to item O22."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from typing import Any

import docx
from django.test import TestCase
from django.urls import reverse

from prongsai.custody.document_kinds import (
    PRACTICE_PDF,
    PRACTICE_SERIES,
    SYSTEM_DOCX,
    SYSTEM_PDF,
    SYSTEM_SERIES,
)
from prongsai.custody.services import property as services
from prongsai.disclosures.models import Evidence
from prongsai.documents.registry import render_now
from prongsai.publications.models import Publication

from .helpers import evidence_custodian, item, seized, transfer


def _pdf_text(content: bytes, tmp_path: Any) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _story(unit: Any) -> None:
    item(unit, "A-1")
    item(unit, "W-1", item_class="weapons", name="ปืนพก")
    session = services.count_start(
        actor="tests",
        unit=unit,
        title="ตรวจนับครึ่งปีแรก",
        started_on=dt.date(2024, 1, 15),
        counted_by="คณะกรรมการ",
    )
    for line in session.lines.all():
        finding = "missing" if line.expected_identifier == "A-1" else "found"
        services.count_record(actor="tests", line=line, finding=finding)
    services.count_resolve(
        actor="tests", line=session.lines.get(finding="missing"), resolution="ส่งซ่อมตามใบส่งซ่อม 0412"
    )
    services.count_close(actor="tests", session=session)
    keeper = evidence_custodian(unit)
    transfer(seized(unit, keeper), keeper)


def test_the_documents_carry_the_procedures_and_the_practice(tree: Any, tmp_path: Any) -> None:
    _story(tree.unit)
    params = {"unit": str(tree.unit.pk), "year": 2567, "period": "year"}
    system = _pdf_text(render_now(SYSTEM_PDF, params, unit_id=tree.unit.pk).content, tmp_path)
    assert "อาวุธและเครื่องกระสุน" in system and "ของบริจาค" in system
    assert "ผู้มีอำนาจอนุมัติก่อนส่งมอบ" in system  # the borrowing procedure (settings)
    word = render_now(SYSTEM_DOCX, params, unit_id=tree.unit.pk).content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)
    assert "การเก็บรักษาของกลาง" in text

    practice = render_now(PRACTICE_PDF, {**params, "period": "h1"}, unit_id=tree.unit.pk).content
    report = _pdf_text(practice, tmp_path)
    assert "ตรวจนับครึ่งปีแรก" in report
    assert "ส่งซ่อมตามใบส่งซ่อม 0412" in report  # the resolved discrepancy
    assert "พนักงานสอบสวน" in report  # the transfer of custody
    assert (
        "LaksamanEmbedded"
        in subprocess.run(
            ["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True, check=True
        ).stdout
    )


def test_publishing_adds_the_links_to_item_o22(
    tree: Any, people: Any, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    _story(tree.unit)
    client.force_login(people.editor)
    url = reverse("custody:o22_publish", kwargs={"slug": tree.unit.slug, "year": 2567})
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker renders the files
        assert client.post(url, {"document": "system", "period": "year"}).status_code == 302
        assert client.post(url, {"document": "practice", "period": "h1"}).status_code == 302
    published = Publication.objects.filter(unit=tree.unit, year=2567)
    assert {(p.series, p.period, p.fmt) for p in published} == {
        (SYSTEM_SERIES, "year", "pdf"),
        (SYSTEM_SERIES, "year", "docx"),
        (PRACTICE_SERIES, "h1", "pdf"),
        (PRACTICE_SERIES, "h1", "docx"),
    }
    assert all(p.document.status == "ready" for p in published)
    links = Evidence.objects.filter(work__assessment=assessment, work__item__code="O22")
    assert links.count() == 4
    assert all(
        e.url.startswith("https://ita.example.go.th/p/kalasin-immigration/2567/data/custody-")
        for e in links
    )
    page = client.get(reverse("custody:o22", kwargs={"slug": tree.unit.slug, "year": 2567}))
    assert page.content.decode().count('data-format="pdf"') == 2

    client.force_login(people.viewer)  # may read, not publish
    assert client.post(url, {"document": "system", "period": "year"}).status_code == 403

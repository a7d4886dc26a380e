"""Uploads: the size first, then the real type from the content (never the name or the browser's
type). Oversize files, content that does not match the name, HTML and SVG with script are refused
with a clear message, and nothing is saved: no row, no file on disk."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, ItemWork, StoredFile

from ..conftest import Personas
from .conftest import item_url
from .helpers import (
    docx_bytes,
    item,
    pdf_bytes,
    plain_zip_bytes,
    png_bytes,
    upload,
    xlsx_bytes,
)

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script><circle r='5'/></svg>"
)


def _add(assessment: Any, name: str, content: bytes, content_type: str = "application/pdf") -> Any:
    return services.evidence_add_file(
        actor="tests",
        assessment=assessment,
        item=item(assessment, "O6"),
        upload=upload(name, content, content_type),
    )


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _nothing_saved() -> None:
    assert Evidence.objects.count() == 0
    assert StoredFile.objects.count() == 0
    assert _media_files() == []


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("report.pdf", pdf_bytes(), "pdf", "application/pdf"),
        (
            "report.docx",
            docx_bytes(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "stats.xlsx",
            xlsx_bytes(),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("stats.csv", "เดือน,จำนวน\nต.ค. 2566,4\n".encode(), "csv", "text/csv"),
        ("stats-excel.csv", "เดือน,จำนวน\r\nต.ค. 2566,4\r\n".encode("cp874"), "csv", "text/csv"),
    ],
)
def test_accepted_types_are_stored_with_the_sniffed_type(
    assessment: Any, name: str, content: bytes, kind: str, content_type: str
) -> None:
    evidence = _add(assessment, name, content, "application/x-whatever")  # browser's type ignored
    stored = evidence.file
    assert (stored.kind, stored.content_type, stored.size) == (kind, content_type, len(content))
    assert stored.original_name == name
    path = Path(settings.MEDIA_ROOT) / stored.storage_name
    assert path.read_bytes() == content
    assert name not in stored.storage_name  # stored under a random name


def test_pictures_are_stored_re_encoded_with_the_same_pixels(assessment: Any) -> None:
    from PIL import Image, ImageChops

    content = png_bytes()
    stored = _add(assessment, "chart.png", content, "application/x-whatever").file
    assert (stored.kind, stored.content_type) == ("png", "image/png")
    data = (Path(settings.MEDIA_ROOT) / stored.storage_name).read_bytes()
    assert stored.size == len(data)
    with Image.open(io.BytesIO(data)) as saved, Image.open(io.BytesIO(content)) as original:
        assert saved.format == "PNG"
        assert not ImageChops.difference(saved.convert("RGB"), original.convert("RGB")).getbbox()


def test_an_oversize_file_is_refused_before_anything_is_read(
    assessment: Any, settings: Any
) -> None:
    settings.UPLOAD_MAX_FILE_SIZE = 2048
    with pytest.raises(ValidationError) as caught:
        _add(assessment, "big.pdf", pdf_bytes() + b"0" * 4096)
    assert "too large" in str(caught.value) or "ใหญ่เกิน" in str(caught.value)
    _nothing_saved()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", png_bytes()),  # a picture named as a PDF
        ("chart.png", pdf_bytes()),  # a PDF named as a picture
        ("report.docx", plain_zip_bytes()),  # a ZIP that is not a Word document
        ("stats.xlsx", docx_bytes()),  # a Word document named as Excel
        ("photo.jpg", png_bytes()),  # PNG named JPEG
        ("stats.csv", png_bytes()),  # binary named CSV
        ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),  # a PNG header on rubbish
    ],
)
def test_content_that_does_not_match_its_name_is_refused(
    assessment: Any, name: str, content: bytes
) -> None:
    with pytest.raises(ValidationError) as caught:
        _add(assessment, name, content)
    assert (
        name in str(caught.value) or "damaged" in str(caught.value) or "เสียหาย" in str(caught.value)
    )
    _nothing_saved()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", HTML),
        ("drawing.svg", SVG),
        ("disguised.pdf", HTML),  # HTML wearing a PDF name
        ("disguised.csv", HTML),  # HTML wearing a CSV name
        ("disguised.png", SVG),
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("script.js", b"alert(1)"),
    ],
)
def test_html_svg_scripts_and_unknown_types_are_refused(
    assessment: Any, name: str, content: bytes
) -> None:
    with pytest.raises(ValidationError) as caught:
        _add(assessment, name, content, "text/html")
    message = str(caught.value)
    assert any(word in message for word in ("HTML", "not accepted", "ไม่รับ", "ไม่ใช่ไฟล์"))
    _nothing_saved()


def test_the_upload_page_shows_the_message_and_saves_nothing(
    client: Any, people: Personas, assessment: Any
) -> None:
    client.force_login(people.editor)
    response = client.post(
        item_url("add_file", code="O6"),
        {"file": upload("drawing.svg", SVG, "image/svg+xml"), "title": "ภาพ", "publish": "on"},
    )
    assert response.status_code == 200
    assert 'class="alert alert-error"' in response.content.decode()
    assert "SVG" in response.content.decode()
    _nothing_saved()
    assert not ItemWork.objects.exists()


def test_a_page_with_a_bad_picture_saves_nothing(assessment: Any) -> None:
    with pytest.raises(ValidationError):
        services.evidence_add_page(
            actor="tests",
            assessment=assessment,
            item=item(assessment, "O18"),
            title="กิจกรรม",
            body_html="<p>ภาพกิจกรรม</p>",
            images=[upload("ok.png", png_bytes()), upload("bad.png", SVG)],
        )
    _nothing_saved()


def test_a_failure_after_the_bytes_were_written_removes_them(
    assessment: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the database write fails after the file was stored, the file is deleted again."""
    from prongsai.disclosures.services import evidence as evidence_services

    def broken(**kwargs: Any) -> None:
        raise ValidationError("simulated failure")

    monkeypatch.setattr(evidence_services, "_create", broken)
    with pytest.raises(ValidationError):
        _add(assessment, "report.pdf", pdf_bytes())
    _nothing_saved()

"""Office files uploaded as OIT evidence (DOCX, XLSX) are checked like every spreadsheet the
product reads: a package that unpacks far beyond its size, or holds thousands of parts, is
refused at upload with a message, and nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, StoredFile

from ..spreadsheets.hostile import rewrite_zip
from .helpers import docx_bytes, item, upload, xlsx_bytes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _add(assessment: Any, name: str, content: bytes, content_type: str) -> Any:
    return services.evidence_add_file(
        actor="tests",
        assessment=assessment,
        item=item(assessment, "O6"),
        upload=upload(name, content, content_type),
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        # 60 MB of zeros packed into ~60 KB inside a real Word file
        (
            "report.docx",
            rewrite_zip(docx_bytes(), {"word/media/image1.bin": bytes(60 << 20)}),
            DOCX,
        ),
        ("stats.xlsx", rewrite_zip(xlsx_bytes(), {"xl/media/blob.bin": bytes(60 << 20)}), XLSX),
    ],
    ids=["docx", "xlsx"],
)
def test_a_zip_bomb_is_refused_at_upload(
    assessment: Any, name: str, data: bytes, content_type: str
) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _add(assessment, name, data, content_type)
    assert "zip bomb" in " ".join(refused.value.messages)
    assert Evidence.objects.count() == StoredFile.objects.count() == 0


def test_a_package_with_thousands_of_parts_is_refused(assessment: Any) -> None:
    parts = {f"word/parts/p{n}.xml": b"<a/>" for n in range(6000)}
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _add(assessment, "report.docx", rewrite_zip(docx_bytes(), parts), DOCX)
    assert "parts" in " ".join(refused.value.messages)
    assert Evidence.objects.count() == 0


def test_ordinary_office_files_are_still_accepted(assessment: Any) -> None:
    assert _add(assessment, "report.docx", docx_bytes(), DOCX).file.kind == "docx"
    assert _add(assessment, "stats.xlsx", xlsx_bytes(), XLSX).file.kind == "xlsx"

"""A photo received with the evidence through the page is re-encoded (no metadata survives),
served only to the unit's people, and its SHA-256 is part of the hashed record: swapping the
stored photo's hash in the database breaks the chain."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from prongsai.core.images import image_metadata
from prongsai.custody.chain import register_check
from prongsai.custody.models import EvidenceEntry, EvidencePhoto

from .helpers import evidence_custodian


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), "navy")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_the_intake_page_keeps_a_clean_photo_whose_hash_is_chained(tree: Any, client: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    client.force_login(keeper)
    original = _jpeg_with_exif()
    assert image_metadata(original)
    response = client.post(
        reverse("custody:evidence", kwargs={"slug": tree.unit.slug}),
        {
            "case_number": "คดีอาญาที่ 40/2567",
            "description": "บัตรประจำตัวปลอม",
            "quantity": "1 ใบ",
            "seal_number": "S-40",
            "storage_place": "ตู้ 3",
            "received_by": "ร.ต.อ.สมชาย รักษ์ดี",
            "received_from": "",
            "occurred_on": "10/01/2567",
            "photos": SimpleUploadedFile("id.jpg", original, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302
    stored = EvidencePhoto.objects.get()
    content = stored.file.read()
    assert image_metadata(content) == []
    entry = stored.entry
    assert entry.data["photos"] == [hashlib.sha256(content).hexdigest()] == [stored.sha256]
    assert register_check(tree.unit).problems == []

    EvidenceEntry.objects.filter(pk=entry.pk).update(data={**entry.data, "photos": ["0" * 64]})
    problems = register_check(tree.unit).problems
    assert [p.register_seq for p in problems] == [1]

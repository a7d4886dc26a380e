"""Pictures published as OIT evidence carry no metadata: no GPS position, no camera, no text.

A photo uploaded as evidence (or placed in a page written in the system) used to be stored and
served byte for byte, GPS position of the photographer included. Every picture is now decoded and
re-encoded from its pixels (prongsai/core/images.py, the code progress photos use), so what the
public pages serve is a plain raster image; its size and checksum are those of what is stored.
"""

from __future__ import annotations

import hashlib
import io
import struct
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from prongsai.disclosures import services
from prongsai.disclosures.models import StoredFile
from prongsai.frameworks.models import Item

SECRETS = [b"SecretCam", b"ModelX-42", b"SecretAuthor", b"SecretXMP", b"SecretGif"]


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0110] = "ModelX-42"  # Model
    gps = exif.get_ifd(0x8825)  # GPSInfo: Bangkok, to the second
    gps[1], gps[2] = "N", (13.0, 45.0, 30.5)
    gps[3], gps[4] = "E", (100.0, 30.0, 1.0)
    return exif


def jpeg_with_gps(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "JPEG", exif=_exif().tobytes())
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test image really carries a position
        assert check.getexif().get_ifd(0x8825)[2] == (13.0, 45.0, 30.5)
    return data


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "SecretAuthor")
    info.add_itxt("Comment", "SecretAuthor again")
    out = io.BytesIO()
    Image.new("RGBA", (32, 32), (0, 90, 160, 255)).save(
        out, "PNG", pnginfo=info, exif=_exif().tobytes()
    )
    return out.getvalue()


def webp_with_metadata() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (0, 120, 60)).save(
        out, "WEBP", exif=_exif().tobytes(), xmp=b"<x:xmpmeta>SecretXMP</x:xmpmeta>"
    )
    return out.getvalue()


def gif_with_comment() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("red", "green", "blue")]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], comment=b"SecretGif")
    return out.getvalue()


def png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def webp_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 12
    while at + 8 <= len(data):
        kind, (length,) = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])
        chunks.append(kind)
        at += 8 + length + (length & 1)
    return chunks


CASES = {
    "photo.jpg": jpeg_with_gps,
    "chart.png": png_with_text,
    "banner.webp": webp_with_metadata,
    "notice.gif": gif_with_comment,
}


def assert_plain(data: bytes, name: str) -> None:
    for secret in SECRETS:
        assert secret not in data, (name, secret)
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif(), name
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Author", "Comment"} & set(
            image.info
        ), (name, image.info.keys())
    if name.endswith(".png"):
        assert not {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"iCCP"} & set(png_chunks(data))
    if name.endswith(".webp"):
        assert not {b"EXIF", b"XMP ", b"ICCP"} & set(webp_chunks(data))


def _stored_bytes(stored: StoredFile) -> bytes:
    with default_storage.open(stored.storage_name, "rb") as handle:
        return handle.read()


def _item(assessment: Any) -> Item:
    return assessment.framework.items.get(code="O1")


@pytest.mark.parametrize("name", list(CASES))
def test_an_evidence_picture_is_stored_without_metadata(assessment: Any, name: str) -> None:
    raw = CASES[name]()
    assert any(secret in raw for secret in SECRETS)
    evidence = services.evidence_add_file(
        actor="tests",
        assessment=assessment,
        item=_item(assessment),
        upload=SimpleUploadedFile(name, raw),
    )
    stored = evidence.file
    assert stored is not None
    data = _stored_bytes(stored)
    assert_plain(data, name)
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    with Image.open(io.BytesIO(data)) as image, Image.open(io.BytesIO(raw)) as original:
        assert image.size == original.size  # evidence keeps its resolution
        assert image.format == original.format


def test_an_animated_gif_keeps_its_frames(assessment: Any) -> None:
    evidence = services.evidence_add_file(
        actor="tests",
        assessment=assessment,
        item=_item(assessment),
        upload=SimpleUploadedFile("notice.gif", gif_with_comment()),
    )
    assert evidence.file is not None
    with Image.open(io.BytesIO(_stored_bytes(evidence.file))) as image:
        assert getattr(image, "n_frames", 1) == 3


def test_pictures_of_a_page_lose_their_metadata(assessment: Any) -> None:
    page = services.evidence_add_page(
        actor="tests",
        assessment=assessment,
        item=_item(assessment),
        title="ภาพกิจกรรม",
        body_html="<p>กิจกรรมวันต่อต้านคอร์รัปชัน</p>",
        images=[SimpleUploadedFile("day.jpg", jpeg_with_gps())],
    )
    added = services.page_image_add(
        actor="tests", evidence=page, upload=SimpleUploadedFile("more.webp", webp_with_metadata())
    )
    files = list(page.images.all())
    assert added in files and len(files) == 2
    for stored in files:
        assert_plain(_stored_bytes(stored), stored.original_name)


def test_the_published_file_served_to_the_public_is_the_clean_one(
    assessment: Any, client: Any
) -> None:
    evidence = services.evidence_add_file(
        actor="tests",
        assessment=assessment,
        item=_item(assessment),
        upload=SimpleUploadedFile("photo.jpg", jpeg_with_gps()),
        publish=True,
    )
    assert evidence.file is not None
    response = client.get(f"/p/files/{evidence.file.pk}/")
    assert response.status_code == 200
    assert_plain(b"".join(response.streaming_content), "photo.jpg")


def test_the_upload_form_says_so(assessment: Any, people: Any, client: Any) -> None:
    client.force_login(people.editor)
    url = reverse(
        "disclosures:add_file",
        kwargs={"slug": "kalasin-immigration", "year": 2567, "code": "O1"},
    )
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="th")
    assert "ตำแหน่ง" in page.content.decode()  # "location data is removed"


def _store_as_before(assessment: Any, name: str, raw: bytes) -> StoredFile:
    """A picture stored byte for byte, as uploads were before they were re-encoded."""
    return StoredFile.objects.create(
        unit=assessment.unit,
        original_name=name,
        storage_name=default_storage.save(f"oit/{assessment.unit_id}/{name}", io.BytesIO(raw)),
        kind={"jpg": "jpeg"}.get(name.rsplit(".", 1)[1], name.rsplit(".", 1)[1]),
        content_type="image/jpeg",
        size=len(raw),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def test_pictures_stored_before_are_cleaned_by_a_command(assessment: Any) -> None:
    from django.core.management import call_command

    from prongsai.core.models import AuditEntry

    raw = {name: make() for name, make in CASES.items()}
    old = {name: _store_as_before(assessment, name, raw[name]) for name in CASES}
    out = io.StringIO()
    call_command("oit_clean_images", "--dry-run", stdout=out)
    assert "4 picture(s) would be cleaned" in out.getvalue()
    assert all(_stored_bytes(stored) == raw[name] for name, stored in old.items())

    call_command("oit_clean_images", stdout=io.StringIO())
    for name, stored in old.items():
        stored.refresh_from_db()
        data = _stored_bytes(stored)
        assert_plain(data, name)
        assert stored.size == len(data)
        assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert AuditEntry.objects.filter(action="oit.file.metadata_removed").count() == 4

    again = io.StringIO()  # clean pictures are left alone: no second loss of JPEG quality
    call_command("oit_clean_images", stdout=again)
    assert "0 picture(s) cleaned" in again.getvalue()

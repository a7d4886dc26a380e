"""Progress photos: the content is sniffed (PNG, JPEG, WebP only), the size is limited, metadata
is stripped by re-encoding, and photos are served only to the unit's users, with safe headers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from prongsai.measures.photos import prepare_photo

from .helpers import add_update, make_row, png_bytes

pytestmark = pytest.mark.usefixtures("english")


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (80, 60), "green")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (13.0, 44.0, 12.0)}  # GPSInfo: a latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_jpeg_metadata_is_removed() -> None:
    raw = _jpeg_with_gps()
    assert b"SecretCam" in raw
    prepared = prepare_photo(SimpleUploadedFile("p.jpg", raw, content_type="image/jpeg"))
    assert prepared.content_type == "image/jpeg"
    assert b"SecretCam" not in prepared.content
    with Image.open(io.BytesIO(prepared.content)) as image:
        assert not image.getexif()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("photo.png", b"GIF89a" + b"\x00" * 64),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"broken" * 10),
    ],
)
def test_anything_but_a_real_photo_is_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError):
        prepare_photo(SimpleUploadedFile(name, content, content_type="image/png"))


def test_the_size_limit_applies(settings: Any) -> None:
    settings.UPLOAD_MAX_FILE_SIZE = 1024
    with pytest.raises(ValidationError, match="larger"):
        prepare_photo(SimpleUploadedFile("big.png", png_bytes((400, 400), "red") + b"\x00" * 2048))


def test_photos_are_served_to_unit_users_only(assessment: Any, people: Any, client: Any) -> None:
    row = make_row(assessment)
    photo = add_update(row, photo=True).photos.get()
    url = reverse(
        "measures:photo",
        kwargs={"slug": assessment.unit.slug, "year": assessment.year, "photo_id": photo.pk},
    )
    client.force_login(people.viewer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    client.force_login(people.sibling_editor)
    assert client.get(url).status_code == 404

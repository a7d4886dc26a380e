"""The one image re-encoder (prongsai/core/images.py): pixels in, a plain picture out.

What the callers rely on beyond "no metadata" (tests/disclosures/test_public_images_lose_their_
metadata.py): the picture is turned upright, its colours are kept in sRGB, pictures too large to
decode are refused before decoding, and documents get PNG or JPEG.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageCms

from prongsai.core.images import PRINTABLE, image_metadata, reencode_image


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def test_a_photo_taken_sideways_is_turned_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    raw = _save(Image.new("RGB", (60, 20), "red"), "JPEG", exif=exif.tobytes())
    clean = reencode_image(raw, name="side.jpg")
    assert (clean.width, clean.height) == (20, 60)
    assert image_metadata(clean.content) == []


def test_a_colour_profile_is_applied_then_dropped() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    raw = _save(Image.new("RGB", (8, 8), (10, 200, 30)), "PNG", icc_profile=profile)
    assert "icc_profile" in image_metadata(raw)
    clean = reencode_image(raw, name="p.png")
    with Image.open(io.BytesIO(clean.content)) as image:
        assert "icc_profile" not in image.info
        red, green, blue = image.convert("RGB").getpixel((0, 0))  # type: ignore[misc]
        assert abs(green - 200) <= 2 and abs(red - 10) <= 2 and abs(blue - 30) <= 2


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size without the pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [7_000, 50_000])  # over our 40 MP; over Pillow's own limit
def test_a_picture_too_large_to_decode_is_refused_before_decoding(side: int) -> None:
    with pytest.raises(ValidationError) as refused:
        reencode_image(_png_header_only(side, side), name="bomb.png")
    assert "bomb.png" in str(refused.value)
    assert "40" in str(refused.value)


@pytest.mark.parametrize(
    "raw",
    [b"", b"not a picture", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"GIF89a" + b"\x00" * 10],
)
def test_what_is_not_a_picture_is_refused(raw: bytes) -> None:
    with pytest.raises(ValidationError):
        reencode_image(raw, name="x")


def test_a_picture_of_another_format_than_allowed_is_refused() -> None:
    raw = _save(Image.new("RGB", (4, 4)), "GIF")
    with pytest.raises(ValidationError):
        reencode_image(raw, name="a.gif", formats=("PNG", "JPEG"))
    with pytest.raises(ValidationError):
        reencode_image(raw, name="a.gif", expected_format="PNG")


def test_documents_get_jpeg_or_png_when_transparent() -> None:
    opaque = reencode_image(_save(Image.new("RGB", (30, 20)), "WEBP"), name="a", into=PRINTABLE)
    clear = reencode_image(
        _save(Image.new("RGBA", (30, 20), (0, 0, 0, 0)), "WEBP"), name="b", into=PRINTABLE
    )
    assert (opaque.format, opaque.content_type) == ("JPEG", "image/jpeg")
    assert (clear.format, clear.content_type) == ("PNG", "image/png")


def test_large_pictures_are_scaled_down_when_asked() -> None:
    clean = reencode_image(_save(Image.new("RGB", (3000, 1500)), "PNG"), name="a", max_side=1200)
    assert (clean.width, clean.height) == (1200, 600)

"""Checking and normalising uploaded progress photos.

The content is sniffed (``filetype``), never trusted from the name or the browser's type; only
PNG, JPEG and WebP are accepted. Every photo is decoded and re-encoded with Pillow: that strips
metadata (GPS position, camera serials), applies the EXIF rotation and bounds the size, so what we
store and serve is a plain raster image.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
MAX_PIXELS = 40_000_000  # refuse to decode anything larger (decompression bombs)
MAX_SIDE = 2400  # longest side kept; larger photos are scaled down
MAX_PHOTOS_PER_UPDATE = 10


@dataclass(frozen=True)
class PreparedPhoto:
    content: bytes
    content_type: str
    width: int
    height: int
    original_name: str


def _name_of(upload: UploadedFile) -> str:
    return (upload.name or "")[-200:]


def prepare_photo(upload: UploadedFile) -> PreparedPhoto:
    """Validate one uploaded photo and return it re-encoded; ValidationError when refused."""
    name = _name_of(upload)
    limit = settings.UPLOAD_MAX_FILE_SIZE
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("%(name)s is larger than the %(limit)s MB limit.")
            % {"name": name, "limit": f"{limit / 1024 / 1024:.0f}"}
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("%(name)s is not a PNG, JPEG or WebP photo.") % {"name": name or _("The file")}
        )
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("%(name)s has too many pixels (at most %(max)s million).")
                    % {"name": name, "max": MAX_PIXELS // 1_000_000}
                )
            if (probe.format or "").upper() != ALLOWED_TYPES[kind.mime]:
                raise ValidationError(
                    _("%(name)s is not a PNG, JPEG or WebP photo.") % {"name": name}
                )
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("%(name)s could not be read as an image.") % {"name": name or _("The file")}
        ) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    fmt = ALLOWED_TYPES[kind.mime]
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return PreparedPhoto(
        content=out.getvalue(),
        content_type=kind.mime,
        width=image.width,
        height=image.height,
        original_name=name,
    )

"""Checking and normalising uploaded progress photos.

The content is sniffed (``filetype``), never trusted from the name or the browser's type; only
PNG, JPEG and WebP are accepted. Every photo is re-encoded from its pixels by the product's one
image re-encoder (``prongsai.core.images``): metadata (GPS position, camera serials) is gone, the
EXIF rotation applied and the size bounded, so what we store and serve is a plain raster image.
"""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from prongsai.core.images import reencode_image

ALLOWED_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
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
    kind = filetype.guess(upload.read(8192))
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("%(name)s is not a PNG, JPEG or WebP photo.") % {"name": name or _("The file")}
        )
    upload.seek(0)
    clean = reencode_image(
        upload.read(),
        name=name or _("The file"),
        formats=ALLOWED_TYPES.values(),
        expected_format=ALLOWED_TYPES[kind.mime],
        max_side=MAX_SIDE,
    )
    return PreparedPhoto(
        content=clean.content,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        original_name=name,
    )

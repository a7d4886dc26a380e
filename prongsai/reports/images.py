"""Progress photos sized for a printed report (read from storage, scaled down, re-encoded by the
product's one image re-encoder, ``prongsai.core.images``)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from prongsai.core.images import PRINTABLE, reencode_image

logger = logging.getLogger(__name__)
MAX_SIDE = 1200  # about 10 cm at 300 dpi: enough for a photo in a report


def document_photo(name: str, *, max_side: int = MAX_SIDE) -> tuple[bytes, str] | None:
    """``(bytes, mime type)`` of a stored photo scaled for print (JPEG, or PNG when it is
    transparent), or None if it is unreadable."""
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        clean = reencode_image(data, name=name, max_side=max_side, quality=82, into=PRINTABLE)
    except (OSError, ValidationError):
        logger.warning("report: photo %s could not be read; left out", name)
        return None
    return clean.content, clean.content_type

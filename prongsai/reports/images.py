"""Progress photos sized for a printed report (read from storage, scaled down, re-encoded)."""

from __future__ import annotations

import io
import logging

from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)
MAX_SIDE = 1200  # about 10 cm at 300 dpi: enough for a photo in a report


def document_photo(name: str, *, max_side: int = MAX_SIDE) -> tuple[bytes, str] | None:
    """``(bytes, mime type)`` of a stored photo scaled for print, or None if it is unreadable."""
    try:
        with default_storage.open(name, "rb") as handle, Image.open(handle) as image:
            image.thumbnail((max_side, max_side))
            out = io.BytesIO()
            if image.mode in ("RGBA", "LA", "P"):
                image.save(out, "PNG", optimize=True)
                return out.getvalue(), "image/png"
            image.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
            return out.getvalue(), "image/jpeg"
    except (OSError, UnidentifiedImageError):
        logger.warning("report: photo %s could not be read; left out", name)
        return None

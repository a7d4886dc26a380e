"""The site's pictures: sniffed, re-encoded without metadata by ``core.images.reencode_image``
and stored in a few widths (``srcset``), served by ``views.site_image`` with far-future caching
(a picture's id never changes content)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from prongsai.core.images import reencode_image
from prongsai.organizations.models import Unit

from .models import SiteImage

F = TypeVar("F", bound=Callable[..., Any])
ALLOWED_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
WIDTHS = (320, 640, 1280)  # responsive sizes; the largest stored is at most MAX_SIDE
MAX_SIDE = 1600


_written: ContextVar[list[str] | None] = ContextVar("website_images_written", default=None)


def files_kept_only_on_success(fn: F) -> F:
    """Around a service that stores pictures (outside its transaction): a refused write leaves
    no file behind."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        written: list[str] = []
        token = _written.set(written)
        try:
            return fn(*args, **kwargs)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
        finally:
            _written.reset(token)

    return wrapper  # type: ignore[return-value]


def _save(name: str, content: bytes) -> str:
    stored = default_storage.save(name, ContentFile(content))
    written = _written.get()
    if written is not None:
        written.append(stored)
    return stored


def store_image(*, unit: Unit, upload: UploadedFile, alt: str = "") -> SiteImage:
    """Check, re-encode and store one picture in its widths (inside the caller's transaction)."""
    name = (upload.name or "")[-200:] or _("The file")
    if upload.size is None or upload.size > settings.UPLOAD_MAX_FILE_SIZE:
        raise ValidationError(
            _("%(name)s is larger than the %(limit)s MB limit.")
            % {"name": name, "limit": f"{settings.UPLOAD_MAX_FILE_SIZE / 1024 / 1024:.0f}"}
        )
    upload.seek(0)
    data = upload.read()
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(_("%(name)s is not a PNG, JPEG or WebP picture.") % {"name": name})
    fmt = ALLOWED_TYPES[kind.mime]
    full = reencode_image(
        data, name=name, formats=ALLOWED_TYPES.values(), expected_format=fmt, max_side=MAX_SIDE
    )
    image = SiteImage(
        unit=unit,
        content_type=full.content_type,
        width=full.width,
        height=full.height,
        alt=alt[:300],
    )
    ext = EXTENSIONS[full.format]
    longest = max(full.width, full.height)
    variants: dict[str, str] = {}
    for width in WIDTHS:
        if width >= full.width:
            break
        side = max(1, round(width * longest / full.width))
        smaller = reencode_image(full.content, name=name, formats=[full.format], max_side=side)
        variants[str(smaller.width)] = _save(
            f"website/{unit.pk}/{image.pk}-{smaller.width}.{ext}", smaller.content
        )
    variants[str(full.width)] = _save(
        f"website/{unit.pk}/{image.pk}-{full.width}.{ext}", full.content
    )
    image.variants = variants
    image.save()
    return image


def widths_of(image: SiteImage) -> list[int]:
    return sorted(int(w) for w in image.variants)

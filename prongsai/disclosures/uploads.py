"""Checking uploaded files: the size first, then the real type from the content.

The name and the browser's content type are never trusted. The extension is only a *claim* that
the content must match (a ``.pdf`` holding a PNG is refused). What is accepted: PDF, DOCX, XLSX,
CSV, PNG, JPEG, GIF, WebP. HTML, SVG, scripts and everything else are refused with a message that
says why. Parsing is bounded: ZIP containers are inspected through their directory only (one small
member read) after the shared ZIP limits (``prongsai.spreadsheets.archives``: no zip bombs), CSV
through its first 64 KiB, pictures within the pixel bounds of the re-encoder.

Pictures are published, so they are re-encoded from their pixels (``prongsai.core.images``): the
photographer's GPS position, the camera and any text or comment chunks are not stored; what is
stored (``CheckedUpload.content``) is the clean picture, and its size and checksum are recorded.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from prongsai.core.images import reencode_image
from prongsai.spreadsheets.archives import NotAnArchive, read_member
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.limits import DEFAULT_LIMITS, ReadLimits
from prongsai.spreadsheets.reader import looks_like_csv

from .models import StoredFile

Kind = StoredFile.Kind

# Safe content types we serve each kind with.
CONTENT_TYPES: dict[str, str] = {
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.CSV: "text/csv",
    Kind.PNG: "image/png",
    Kind.JPEG: "image/jpeg",
    Kind.GIF: "image/gif",
    Kind.WEBP: "image/webp",
}
EXTENSIONS: dict[str, str] = {
    Kind.PDF: "pdf",
    Kind.DOCX: "docx",
    Kind.XLSX: "xlsx",
    Kind.CSV: "csv",
    Kind.PNG: "png",
    Kind.JPEG: "jpg",
    Kind.GIF: "gif",
    Kind.WEBP: "webp",
}
# What a file name's extension claims.
CLAIMS: dict[str, str] = {
    "pdf": Kind.PDF,
    "docx": Kind.DOCX,
    "xlsx": Kind.XLSX,
    "csv": Kind.CSV,
    "png": Kind.PNG,
    "jpg": Kind.JPEG,
    "jpeg": Kind.JPEG,
    "gif": Kind.GIF,
    "webp": Kind.WEBP,
}
IMAGE_KINDS = frozenset({Kind.PNG, Kind.JPEG, Kind.GIF, Kind.WEBP})
PILLOW_FORMATS: dict[str, str] = {
    Kind.PNG: "PNG",
    Kind.JPEG: "JPEG",
    Kind.GIF: "GIF",
    Kind.WEBP: "WEBP",
}
_SNIFFED: dict[str, str] = {
    "application/pdf": Kind.PDF,
    "image/png": Kind.PNG,
    "image/jpeg": Kind.JPEG,
    "image/gif": Kind.GIF,
    "image/webp": Kind.WEBP,
}
_OOXML_MAIN = {
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|a\s|img\s|meta|link)",
    re.IGNORECASE,
)
_HEAD_BYTES = 64 * 1024
_CONTENT_TYPES_MAX = 256 * 1024  # [Content_Types].xml is a few KiB in real documents


@dataclass(frozen=True)
class CheckedUpload:
    kind: str
    content_type: str
    original_name: str
    size: int
    sha256: str
    content: bytes | None = None  # what to store instead of the upload (a re-encoded picture)


def accepted_types_text() -> str:
    return "PDF, DOCX, XLSX, CSV, PNG, JPEG, GIF, WebP"


def clean_name(name: str) -> str:
    """A display name without folders, control characters or a leading dot; never empty."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return (base or "file")[:200]


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="upload")


def _read_head(handle: IO[bytes]) -> bytes:
    handle.seek(0)
    head = handle.read(_HEAD_BYTES)
    handle.seek(0)
    return head


def archive_limits() -> ReadLimits:
    """The spreadsheet readers' ZIP limits, with room for the largest evidence file."""
    return replace(
        DEFAULT_LIMITS,
        max_unpacked=max(DEFAULT_LIMITS.max_unpacked, 10 * int(settings.UPLOAD_MAX_FILE_SIZE)),
    )


def _ooxml_kind(handle: IO[bytes]) -> str | None:
    """DOCX or XLSX when the ZIP's [Content_Types].xml says so; None for any other ZIP.

    The package is checked first (members, unpacked size, compression ratio): a zip bomb is
    refused with its own message, whatever it claims to be."""
    try:
        text = read_member(
            handle, "[Content_Types].xml", max_size=_CONTENT_TYPES_MAX, limits=archive_limits()
        )
    except NotAnArchive:
        return None
    except UnreadableFile as exc:
        raise _refuse(str(exc)) from exc
    if text is None:
        return None
    for kind, marker in _OOXML_MAIN.items():
        if marker.encode() in text:
            return kind
    return None


def inspect_upload(upload: UploadedFile, *, images_only: bool = False) -> CheckedUpload:
    """Check an upload; raise ValidationError (with a Thai message in the Thai UI) or return
    what it really is."""
    limit = int(settings.UPLOAD_MAX_FILE_SIZE)
    size = int(upload.size or 0)
    if size > limit:
        raise _refuse(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if size == 0:
        raise _refuse(_("The file is empty."))
    name = clean_name(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    handle = upload.file
    if handle is None:
        raise _refuse(_("The file is empty."))
    head = _read_head(handle)

    if extension in {"html", "htm", "xhtml", "svg", "svgz", "js", "mjs", "xml"} or (
        _ACTIVE_MARKUP.search(head[:4096]) and filetype.guess(head) is None
    ):
        raise _refuse(
            _(
                "HTML, SVG and script files are not accepted: they can run code in the reader's "
                "browser. Save the document as PDF (or the picture as PNG or JPEG) and upload that."
            )
        )

    claimed = CLAIMS.get(extension)
    if claimed is None:
        raise _refuse(
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": accepted_types_text()}
        )
    if images_only and claimed not in IMAGE_KINDS:
        raise _refuse(_("Only pictures (PNG, JPEG, GIF, WebP) can be placed in a page."))

    guess = filetype.guess(head)
    sniffed: str | None = None
    if guess is not None and guess.mime in _SNIFFED:
        sniffed = _SNIFFED[guess.mime]
    elif head.startswith(b"PK\x03\x04"):
        sniffed = _ooxml_kind(handle)
    elif guess is None and looks_like_csv(head, complete=len(head) < _HEAD_BYTES):
        sniffed = Kind.CSV

    if sniffed is None or sniffed != claimed:
        raise _refuse(
            _(
                "The content of “%(name)s” is not a %(claimed)s file (the name says %(claimed)s, "
                "the content does not). Open it in the program that made it and save it again "
                "as %(claimed)s."
            )
            % {"name": name, "claimed": Kind(claimed).label}
        )
    content: bytes | None = None
    digest = hashlib.sha256()
    handle.seek(0)
    if sniffed in IMAGE_KINDS:
        format_ = PILLOW_FORMATS[sniffed]
        content = reencode_image(
            handle.read(), name=f"“{name}”", formats=(format_,), quality=90
        ).content
        digest.update(content)
        size = len(content)
    else:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    handle.seek(0)
    return CheckedUpload(
        kind=sniffed,
        content_type=CONTENT_TYPES[sniffed],
        original_name=name,
        size=size,
        sha256=digest.hexdigest(),
        content=content,
    )

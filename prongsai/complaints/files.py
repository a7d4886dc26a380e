"""Case files: checked by the product's upload rules (``disclosures.uploads``: size first, type
sniffed, pictures re-encoded without metadata), encrypted before they reach the file store, and
served only as attachments to the people who may see the case."""

from __future__ import annotations

import contextlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from prongsai.core.encryption import decrypt, encrypt
from prongsai.disclosures.uploads import CheckedUpload, inspect_upload

from .models import CaseFile

MAX_FILES = 5


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Raise ValidationError (Thai message) for a file the product does not accept."""
    return inspect_upload(upload)


def store_encrypted(upload: UploadedFile, checked: CheckedUpload, *, unit_id: object) -> str:
    """Write the encrypted file; returns its storage name (deleted again if the case fails)."""
    if checked.content is not None:
        data = checked.content
    else:
        handle = upload.file
        assert handle is not None
        handle.seek(0)
        data = handle.read()
    name = f"complaints/{unit_id}/{uuid.uuid4().hex}.bin"
    return default_storage.save(name, ContentFile(encrypt(data)))


def delete_stored(names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def case_file_response(case_file: CaseFile) -> HttpResponse:
    try:
        with default_storage.open(case_file.storage_name, "rb") as handle:
            data = decrypt(handle.read())
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is missing from storage") from exc
    response = HttpResponse(data, content_type=case_file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, case_file.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

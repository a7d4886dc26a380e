"""Pictures stored before uploads were re-encoded: cleaned of their metadata once, in place."""

from __future__ import annotations

import hashlib
import uuid
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from prongsai.core.audit import audit_record
from prongsai.core.images import image_metadata, reencode_image

from ..models import StoredFile
from ..uploads import EXTENSIONS, IMAGE_KINDS, PILLOW_FORMATS


def stored_images_with_metadata() -> list[tuple[StoredFile, list[str]]]:
    """Every stored picture that still carries metadata, with what it carries."""
    found = []
    for stored in StoredFile.objects.filter(kind__in=IMAGE_KINDS).order_by("created_at"):
        try:
            with default_storage.open(stored.storage_name, "rb") as handle:
                kinds = image_metadata(handle.read())
        except OSError:
            continue  # missing from storage: nothing to clean
        if kinds:
            found.append((stored, kinds))
    return found


@transaction.atomic
def stored_image_clean(*, actor: Any, stored: StoredFile) -> bool:
    """Re-encode one stored picture without its metadata (a new file; the old one is deleted once
    the transaction has committed). False when it carries none: a clean picture is never
    re-encoded again, so running this twice costs a JPEG no quality."""
    stored = StoredFile.objects.select_for_update().get(pk=stored.pk)
    if stored.kind not in IMAGE_KINDS:
        return False
    with default_storage.open(stored.storage_name, "rb") as handle:
        data = handle.read()
    removed = image_metadata(data)
    if not removed:
        return False
    clean = reencode_image(
        data, name=stored.original_name, formats=(PILLOW_FORMATS[stored.kind],), quality=90
    )
    old_name = stored.storage_name
    new_name = default_storage.save(
        f"oit/{stored.unit_id}/{uuid.uuid4().hex}.{EXTENSIONS[stored.kind]}",
        ContentFile(clean.content),
    )
    transaction.on_commit(partial(default_storage.delete, old_name))
    stored.storage_name = new_name
    stored.size = len(clean.content)
    stored.sha256 = hashlib.sha256(clean.content).hexdigest()
    try:
        stored.save(update_fields=["storage_name", "size", "sha256", "updated_at"])
        audit_record(
            actor=actor,
            action="oit.file.metadata_removed",
            obj=stored,
            unit_id=stored.unit_id,
            changes={"file": stored.original_name, "removed": removed},
        )
    except BaseException:
        default_storage.delete(new_name)  # the row still points at the old file
        raise
    return True

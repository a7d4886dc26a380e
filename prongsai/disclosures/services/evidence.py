"""Evidence: public links, uploaded files and pages written in the system."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.text import TextLength, too_long_message
from prongsai.frameworks.models import Item

from ..models import Evidence, ItemWork, StoredFile
from ..richtext import referenced_image_ids, sanitize_page
from ..uploads import EXTENSIONS, IMAGE_KINDS, CheckedUpload, inspect_upload
from .common import (
    DisclosureError,
    audit_work,
    lock_work,
    require_editable,
    touch_score,
    work_for_item,
)

_url_validator = URLValidator(schemes=["http", "https"])


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise DisclosureError(_("Give the evidence a title."))
    if len(title) > 300:
        raise DisclosureError(_("The title is too long (300 characters at most)."))
    return title


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if len(url) > 2000:
        raise DisclosureError(_("The address is too long (2,000 characters at most)."))
    try:
        _url_validator(url)
    except ValidationError as exc:
        raise DisclosureError(
            _("Enter a full web address that starts with https:// or http://.")
        ) from exc
    return url


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise DisclosureError(_("The period cannot end before it starts."))


def _next_position(work: ItemWork) -> int:
    top = work.evidence.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _period_text(start: dt.date | None, end: dt.date | None) -> str:
    if not start and not end:
        return ""
    return f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"


def _describe(evidence: Evidence) -> dict[str, Any]:
    data: dict[str, Any] = {
        "evidence": str(evidence.pk),
        "kind": evidence.kind,
        "title": evidence.title,
        "period": _period_text(evidence.period_start, evidence.period_end),
        "published": evidence.is_published,
    }
    if evidence.kind == Evidence.Kind.LINK:
        data["url"] = evidence.url
    if evidence.file_id:
        data["file"] = evidence.file.original_name if evidence.file else str(evidence.file_id)
    if evidence.kind == Evidence.Kind.STATEMENT:
        data["stated_by"] = evidence.statement_by
    return data


@contextmanager
def _files_kept_only_on_success() -> Iterator[list[str]]:
    """Files written inside the block are deleted again when the block fails (the transaction
    rolls back the rows; this removes the bytes), so nothing is left half-saved."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _store_file(
    *,
    actor: Any,
    work: ItemWork,
    checked: CheckedUpload,
    upload: UploadedFile,
    written: list[str],
) -> StoredFile:
    """Create the row, then write the bytes (noted in ``written`` for clean-up on failure)."""
    name = f"oit/{work.assessment.unit_id}/{uuid.uuid4().hex}.{EXTENSIONS[checked.kind]}"
    stored = StoredFile.objects.create(
        unit_id=work.assessment.unit_id,
        original_name=checked.original_name,
        storage_name=name,
        kind=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if checked.content is not None:  # a picture, re-encoded without its metadata
        saved = default_storage.save(name, ContentFile(checked.content))
    else:
        handle = upload.file
        assert handle is not None  # inspect_upload refused uploads without content
        handle.seek(0)
        saved = default_storage.save(name, handle)
    written.append(saved)
    if saved != name:  # the storage chose another name: keep the row in step
        StoredFile.objects.filter(pk=stored.pk).update(storage_name=saved)
        stored.storage_name = saved
    return stored


def _actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _create(
    *,
    actor: Any,
    work: ItemWork,
    kind: str,
    title: str,
    publish: bool,
    period_start: dt.date | None,
    period_end: dt.date | None,
    **fields: Any,
) -> Evidence:
    evidence = Evidence.objects.create(
        work=work,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        is_published=publish,
        published_at=timezone.now() if publish else None,
        position=_next_position(work),
        created_by=_actor_user(actor),
        **fields,
    )
    audit_work(actor=actor, action="oit.evidence.add", work=work, changes=_describe(evidence))
    if publish:
        touch_score(work)
    return evidence


@transaction.atomic
def evidence_add_link(
    *,
    actor: Any,
    assessment: Assessment,
    item: Item,
    title: str,
    url: str,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    publish: bool = True,
) -> Evidence:
    title, url = _check_title(title), _check_url(url)
    _check_period(period_start, period_end)
    work = work_for_item(assessment=assessment, item=item)
    require_editable(work)
    return _create(
        actor=actor,
        work=work,
        kind=Evidence.Kind.LINK,
        title=title,
        url=url,
        publish=publish,
        period_start=period_start,
        period_end=period_end,
    )


@transaction.atomic
def evidence_add_file(
    *,
    actor: Any,
    assessment: Assessment,
    item: Item,
    upload: UploadedFile,
    title: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    publish: bool = True,
) -> Evidence:
    checked = inspect_upload(upload)  # before anything is written
    title = _check_title(title or checked.original_name.rsplit(".", 1)[0])
    _check_period(period_start, period_end)
    work = work_for_item(assessment=assessment, item=item)
    require_editable(work)
    with _files_kept_only_on_success() as written:
        stored = _store_file(
            actor=actor, work=work, checked=checked, upload=upload, written=written
        )
        return _create(
            actor=actor,
            work=work,
            kind=Evidence.Kind.FILE,
            title=title,
            file=stored,
            publish=publish,
            period_start=period_start,
            period_end=period_end,
        )


def _clean_body(unit_id: Any, body_html: str) -> tuple[str, set[str]]:
    """Sanitised page HTML; its pictures may only be images uploaded by the same unit."""
    if len(body_html or "") > TextLength.RICH_TEXT:
        raise DisclosureError(too_long_message(limit=TextLength.RICH_TEXT, length=len(body_html)))
    candidates = referenced_image_ids(body_html)
    allowed = {
        str(pk)
        for pk in StoredFile.objects.filter(
            pk__in=candidates, unit_id=unit_id, kind__in=IMAGE_KINDS
        ).values_list("pk", flat=True)
    }
    return sanitize_page(body_html, allowed_images=allowed)


@transaction.atomic
def evidence_add_page(
    *,
    actor: Any,
    assessment: Assessment,
    item: Item,
    title: str,
    body_html: str,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    publish: bool = True,
    images: Iterable[UploadedFile] = (),
) -> Evidence:
    title = _check_title(title)
    _check_period(period_start, period_end)
    checked = [(upload, inspect_upload(upload, images_only=True)) for upload in images]
    body, used = _clean_body(assessment.unit_id, body_html)
    if not body and not checked:
        raise DisclosureError(_("Write the page's content before saving it."))
    work = work_for_item(assessment=assessment, item=item)
    require_editable(work)
    with _files_kept_only_on_success() as written:
        evidence = Evidence.objects.create(
            work=work,
            kind=Evidence.Kind.PAGE,
            title=title,
            body_html=body,
            period_start=period_start,
            period_end=period_end,
            is_published=publish,
            published_at=timezone.now() if publish else None,
            position=_next_position(work),
            created_by=_actor_user(actor),
        )
        if used:
            evidence.images.add(*StoredFile.objects.filter(pk__in=used))
        for upload, check in checked:
            stored = _store_file(
                actor=actor, work=work, checked=check, upload=upload, written=written
            )
            evidence.images.add(stored)
        audit_work(actor=actor, action="oit.evidence.add", work=work, changes=_describe(evidence))
        if publish:
            touch_score(work)
        return evidence


def _lock_evidence(evidence: Evidence) -> tuple[Evidence, ItemWork]:
    work = lock_work(evidence.work)
    evidence = Evidence.objects.select_related("file").get(pk=evidence.pk, work=work)
    evidence.work = work
    return evidence, work


@transaction.atomic
def evidence_update(
    *,
    actor: Any,
    evidence: Evidence,
    title: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    url: str | None = None,
    body_html: str | None = None,
) -> Evidence:
    title = _check_title(title)
    _check_period(period_start, period_end)
    evidence, work = _lock_evidence(evidence)
    require_editable(work)
    if evidence.kind == Evidence.Kind.STATEMENT:
        raise DisclosureError(
            _("A statement cannot be changed: delete it and record the statement again.")
        )
    before = _describe(evidence)
    before_body = evidence.body_html
    used: set[str] = set()
    if evidence.kind == Evidence.Kind.PAGE and body_html is not None:
        body, used = _clean_body(work.assessment.unit_id, body_html)
        if not body and not evidence.images.exists():
            raise DisclosureError(_("Write the page's content before saving it."))
        evidence.body_html = body
    if evidence.kind == Evidence.Kind.LINK and url is not None:
        evidence.url = _check_url(url)
    evidence.title = title
    evidence.period_start, evidence.period_end = period_start, period_end
    evidence.save()
    if used:
        evidence.images.add(*StoredFile.objects.filter(pk__in=used))
    after = _describe(evidence)
    changes: dict[str, Any] = {
        k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)
    }
    if evidence.body_html != before_body:
        changes["content"] = _("page content changed")
    if changes:
        changes["evidence"] = str(evidence.pk)
        audit_work(actor=actor, action="oit.evidence.update", work=work, changes=changes)
        if evidence.is_published:
            touch_score(work)
    return evidence


@transaction.atomic
def page_image_add(*, actor: Any, evidence: Evidence, upload: UploadedFile) -> StoredFile:
    """Upload a picture for a page (it can then be placed in the page's text)."""
    checked = inspect_upload(upload, images_only=True)
    evidence, work = _lock_evidence(evidence)
    require_editable(work)
    if evidence.kind != Evidence.Kind.PAGE:
        raise DisclosureError(_("Pictures can only be added to pages written in the system."))
    with _files_kept_only_on_success() as written:
        stored = _store_file(
            actor=actor, work=work, checked=checked, upload=upload, written=written
        )
        evidence.images.add(stored)
        audit_work(
            actor=actor,
            action="oit.evidence.image",
            work=work,
            changes={
                "evidence": str(evidence.pk),
                "title": evidence.title,
                "image": stored.original_name,
            },
        )
        return stored


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: Evidence) -> None:
    evidence, work = _lock_evidence(evidence)
    require_editable(work)
    described = _describe(evidence)
    was_published = evidence.is_published
    candidates = {*evidence.images.values_list("pk", flat=True)}
    if evidence.file_id:
        candidates.add(evidence.file_id)
    evidence.images.clear()
    evidence.delete()
    _forget_unused_files(candidates)
    audit_work(actor=actor, action="oit.evidence.delete", work=work, changes=described)
    if was_published:
        touch_score(work)


def _forget_unused_files(file_ids: Iterable[Any]) -> None:
    """Delete files no evidence points at any more (a carried-forward copy keeps its file); the
    bytes go once the transaction has committed, so a rollback loses nothing."""
    unused = StoredFile.objects.filter(
        pk__in=list(file_ids), evidence__isnull=True, pages__isnull=True
    )
    names = list(unused.values_list("storage_name", flat=True))
    unused.delete()
    for name in names:
        transaction.on_commit(partial(default_storage.delete, name))


@transaction.atomic
def evidence_set_published(*, actor: Any, evidence: Evidence, published: bool) -> Evidence:
    evidence, work = _lock_evidence(evidence)
    require_editable(work)
    if evidence.is_published == published:
        return evidence
    evidence.is_published = published
    evidence.published_at = timezone.now() if published else None
    evidence.save(update_fields=["is_published", "published_at", "updated_at"])
    audit_work(
        actor=actor,
        action="oit.evidence.publish" if published else "oit.evidence.unpublish",
        work=work,
        changes={"evidence": str(evidence.pk), "title": evidence.title},
    )
    touch_score(work)
    return evidence

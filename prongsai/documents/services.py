"""Writes for generated documents: request, render (the worker), retry, delivery, freezing,
retention. Views and other apps use :func:`document_request`; the worker runs
:func:`document_render` through ``tasks.render_document``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record
from prongsai.core.encryption import encrypt
from prongsai.core.site import site_base_override, site_to_keep
from prongsai.organizations.access import UnitAccess

from .models import PENDING, DocumentStatus, GeneratedDocument
from .registry import DocumentError, DocumentKind, RenderJob, kind_for

logger = logging.getLogger(__name__)

# The acting user (a request's, so possibly anonymous), or a label for commands and tests.
Actor = AbstractBaseUser | AnonymousUser | str


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def canonical_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-only parameters (UUIDs and dates as strings), as the worker will receive them."""
    result: dict[str, Any] = json.loads(json.dumps(dict(params), cls=DjangoJSONEncoder))
    return result


def request_key(kind: str, params: Mapping[str, Any], language: str, site: str = "") -> str:
    parts: list[Any] = [kind, params, language] + ([site] if site else [])
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _enqueue(document: GeneratedDocument) -> None:
    from .tasks import render_document

    document_id = str(document.pk)
    transaction.on_commit(lambda: render_document.enqueue(document_id))


def _interrupted(document: GeneratedDocument) -> None:
    with translation.override("th"):
        message = _("The preparation was interrupted (the server restarted). Try again.")
    GeneratedDocument.objects.filter(pk=document.pk, status=DocumentStatus.RUNNING).update(
        status=DocumentStatus.FAILED, error=message, finished_at=timezone.now()
    )


def _reusable(kind: DocumentKind, key: str) -> GeneratedDocument | None:
    pending = GeneratedDocument.objects.filter(request_key=key, status__in=PENDING).first()
    if pending is not None:
        if not pending.is_stale:
            return pending
        _interrupted(pending)
    if kind.reuse_ready:
        return (
            GeneratedDocument.objects.filter(
                request_key=key,
                status=DocumentStatus.READY,
                delivered_at__isnull=True,
                frozen_at__isnull=True,
            )
            .exclude(file="")
            .first()
        )
    return None


def document_request(
    *,
    actor: Actor,
    access: UnitAccess,
    kind: str,
    params: Mapping[str, Any],
    frozen: bool = False,
) -> GeneratedDocument:
    """Ask for a document of ``kind`` on the caller's unit; returns at once with the row (an
    identical pending request's row when there is one). The render runs in the task worker
    (or right after the commit with the immediate backend).

    ``frozen``: a published version (``prongsai.publications``), kept for good from the start;
    its parameters carry the version, so it never shares a row with another request."""
    spec = kind_for(kind)
    if not spec.permits(access):
        raise PermissionDenied(f"{kind} needs the '{spec.need}' right on {access.unit.slug}")
    clean = canonical_params(params)
    language = (translation.get_language() or "th") if spec.localised else "th"
    site = site_to_keep()  # its links are built on the address it was asked from
    key = request_key(kind, clean, language, site)
    with transaction.atomic():
        existing = _reusable(spec, key)
        if existing is not None:
            return existing
        title = str(spec.title(clean))[:300]  # in the requester's language
        document = GeneratedDocument(
            kind=kind,
            params=clean,
            language=language,
            site_url=site,
            request_key=key,
            unit=access.unit,
            title=title,
            requested_by=_user(actor),
        )
        if frozen:
            document.frozen_at = timezone.now()
            document.frozen_by = _user(actor)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # Another app server inserted the same request a moment ago: share its row.
            raced = GeneratedDocument.objects.filter(request_key=key, status__in=PENDING).first()
            if raced is None:
                raise
            return raced
        audit_record(
            actor=actor,
            action="document.request",
            obj=document,
            unit_id=access.unit.pk,
            changes={"kind": kind, "params": clean},
        )
        _enqueue(document)
    return document


@transaction.atomic
def document_retry(*, actor: Actor, document: GeneratedDocument) -> GeneratedDocument:
    """Queue a failed (or interrupted) document again; an identical pending request wins."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if not document.can_retry:
        return document
    other = (
        GeneratedDocument.objects.filter(request_key=document.request_key, status__in=PENDING)
        .exclude(pk=document.pk)
        .first()
    )
    if other is not None and not other.is_stale:
        return other
    if other is not None:
        _interrupted(other)
    document.status = DocumentStatus.QUEUED
    document.error = ""
    document.started_at = document.finished_at = None
    document.requested_by = _user(actor) or document.requested_by
    document.save(update_fields=["status", "error", "started_at", "finished_at", "requested_by"])
    audit_record(
        actor=actor,
        action="document.retry",
        obj=document,
        unit_id=document.unit_id,
        changes={"kind": document.kind, "attempts": document.attempts},
    )
    _enqueue(document)
    return document


def _claim(document_id: Any) -> bool:
    """queued → running, by one worker only (several workers may hold the same task id)."""
    claimed = GeneratedDocument.objects.filter(pk=document_id, status=DocumentStatus.QUEUED).update(
        status=DocumentStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    return claimed == 1


def _failure_text(exc: BaseException) -> str:
    with translation.override("th"):
        if isinstance(exc, DocumentError):
            return exc.message
        return _(
            "The document could not be prepared. Try again; if it fails again, tell the "
            "system administrator."
        )


def document_render(document_id: Any) -> str:
    """Render one queued document (the worker's job); returns the status it ended in.

    The render itself runs outside any transaction (it may take seconds); the result is stored
    with a conditional update, so a row retried or removed meanwhile is left alone.
    """
    if not _claim(document_id):
        row = GeneratedDocument.objects.filter(pk=document_id).values_list("status", flat=True)
        return row.first() or "missing"
    document = GeneratedDocument.objects.select_related("unit").get(pk=document_id)
    job = RenderJob(
        kind=document.kind,
        params=document.params,
        unit_id=document.unit_id,
        language=document.language,
    )
    try:
        spec = kind_for(document.kind)
        with translation.override(document.language), site_base_override(document.site_url):
            rendered = spec.render(job)
    except Exception as exc:
        logger.exception("rendering %s document %s failed", document.kind, document.pk)
        GeneratedDocument.objects.filter(pk=document.pk, status=DocumentStatus.RUNNING).update(
            status=DocumentStatus.FAILED, error=_failure_text(exc), finished_at=timezone.now()
        )
        return DocumentStatus.FAILED
    content = rendered.content
    stored = encrypt(content) if spec.encrypt else content
    name = document.file.field.generate_filename(document, rendered.file_name)
    saved_name = default_storage.save(name, ContentFile(stored))
    with transaction.atomic():
        updated = GeneratedDocument.objects.filter(
            pk=document.pk, status=DocumentStatus.RUNNING
        ).update(
            status=DocumentStatus.READY,
            file=saved_name,
            file_name=rendered.file_name[:200],
            content_type=rendered.content_type[:120],
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            encrypted=spec.encrypt,
            finished_at=timezone.now(),
            error="",
        )
        if not updated:
            transaction.on_commit(lambda: default_storage.delete(saved_name))
            return "superseded"
    documents_purge(limit=50)
    return DocumentStatus.READY


@transaction.atomic
def document_delivered(*, actor: Actor, document: GeneratedDocument) -> bool:
    """A deliver-once document was sent whole: forget its file and run the kind's hook (e.g.
    destroy the codes it printed). False when it had already been delivered."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if document.delivered_at is not None:
        return False
    spec = kind_for(document.kind)
    name = document.file.name
    document.delivered_at = timezone.now()
    document.file = ""
    document.save(update_fields=["delivered_at", "file"])
    if spec.on_delivered is not None:
        spec.on_delivered(document, actor)
    audit_record(
        actor=actor,
        action="document.delivered",
        obj=document,
        unit_id=document.unit_id,
        changes={"kind": document.kind, "sha256": document.sha256},
    )
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
    return True


@transaction.atomic
def document_freeze(*, actor: Actor, document: GeneratedDocument) -> GeneratedDocument:
    """Keep this version for good (a published report): never re-rendered, never purged."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if document.status != DocumentStatus.READY or not document.file:
        raise DocumentError(_("Only a ready document can be kept as a published version."))
    if document.frozen_at is None:
        document.frozen_at = timezone.now()
        document.frozen_by = _user(actor)
        document.save(update_fields=["frozen_at", "frozen_by"])
        audit_record(
            actor=actor,
            action="document.freeze",
            obj=document,
            unit_id=document.unit_id,
            changes={"kind": document.kind, "sha256": document.sha256},
        )
    return document


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def documents_purge(*, now: dt.datetime | None = None, limit: int | None = None) -> int:
    """The retention rule: documents finished (or asked for and never run) more than
    ``DOCUMENTS_KEEP_DAYS`` ago go, with their files; frozen ones stay. Returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.DOCUMENTS_KEEP_DAYS)
    old = GeneratedDocument.objects.filter(frozen_at__isnull=True).filter(
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    rows = list(old.order_by("created_at").values_list("pk", "file")[:limit])
    if not rows:
        return 0
    with transaction.atomic():
        GeneratedDocument.objects.filter(pk__in=[pk for pk, _file in rows]).delete()
        names = [name for _pk, name in rows if name]
        transaction.on_commit(partial(_delete_files, names))
    return len(rows)

"""Reads for generated documents: one the caller may see, a unit's recent ones."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.http import Http404

from prongsai.organizations.access import UnitAccess

from .models import DocumentStatus, GeneratedDocument
from .registry import DocumentKind, kind_for, registered_kinds


def visible_kinds(access: UnitAccess) -> list[str]:
    return [name for name, kind in registered_kinds().items() if access.has(kind.need)]


def document_for(
    access: UnitAccess, document_id: uuid.UUID
) -> tuple[GeneratedDocument, DocumentKind]:
    """The unit's document with its kind, or 404 (also when the caller's role may not see it:
    we do not reveal that it exists)."""
    document = (
        GeneratedDocument.objects.filter(pk=document_id, unit=access.unit)
        .select_related("unit", "requested_by")
        .first()
    )
    if document is None:
        raise Http404("No such document")
    try:
        kind = kind_for(document.kind)
    except LookupError:
        raise Http404("No such document") from None
    if not kind.permits(access, document):
        raise Http404("No such document")
    return document, kind


def recent_documents(
    access: UnitAccess,
    *,
    kinds: Iterable[str] | None = None,
    year: int | None = None,
    limit: int = 20,
) -> list[GeneratedDocument]:
    """The unit's latest documents the caller may see (newest first)."""
    allowed = set(visible_kinds(access))
    if kinds is not None:
        allowed &= set(kinds)
    rows = GeneratedDocument.objects.filter(unit=access.unit, kind__in=allowed).select_related(
        "unit", "requested_by"
    )
    if year is not None:
        rows = rows.filter(params__year=year)
    out = []
    for document in rows.order_by("-created_at")[: limit * 2]:
        if kind_for(document.kind).permits(access, document):
            out.append(document)
        if len(out) == limit:
            break
    return out


def queue_position(document: GeneratedDocument) -> int:
    """How many documents wait before this one (all units share the workers)."""
    if document.status != DocumentStatus.QUEUED:
        return 0
    return GeneratedDocument.objects.filter(
        status=DocumentStatus.QUEUED, created_at__lt=document.created_at
    ).count()

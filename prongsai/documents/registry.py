"""What each kind of generated document is: its renderer, its access rule, its delivery.

Higher apps register their kinds in their ``AppConfig.ready()`` (this low app imports none of
them)::

    register(DocumentKind(
        name="reports.report",
        title=lambda p: f"รายงานผล … รอบ {p['round']} เดือน",
        render=render_report_document,          # (RenderJob) -> Rendered
        need=Capability.VIEW,                   # on the document's unit
        back=lambda d: reverse("reports:index", …),
    ))

A renderer gets only JSON parameters (a worker in another process renders it) and returns the
bytes, the file name and the content type. It raises :class:`DocumentError` with a Thai
sentence for a failure the user can understand; anything else is logged and shown as a generic
Thai message. Commands (``ita_report``) call :func:`render_now`, the same path without a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import translation

from prongsai.organizations.access import Capability, UnitAccess

if TYPE_CHECKING:
    from .models import GeneratedDocument


@dataclass(frozen=True)
class Rendered:
    content: bytes
    file_name: str
    content_type: str


@dataclass(frozen=True)
class RenderJob:
    """What a renderer is given: the kind's parameters, and for whom (never a request)."""

    kind: str
    params: Mapping[str, Any]
    unit_id: Any
    language: str = "th"


class DocumentError(Exception):
    """A failure to tell the user as it is (a Thai sentence), e.g. "the codes no longer exist"."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DocumentKind:
    name: str  # "<app>.<what>", stored in GeneratedDocument.kind
    title: Callable[[Mapping[str, Any]], str]  # shown on the document page and in lists
    render: Callable[[RenderJob], Rendered]
    need: Capability = Capability.VIEW  # the right on the unit to request, see and download it
    # Finer rule on top of ``need`` (e.g. a designated role only); None: ``need`` decides.
    allowed: Callable[[UnitAccess, GeneratedDocument], bool] | None = None
    back: Callable[[GeneratedDocument], str] | None = None  # the page it was asked for from
    tab: str = ""  # the unit tab it belongs to ("report", "surveys", "oit", "plan")
    localised: bool = False  # renders in the requester's language (else Thai: official papers)
    encrypt: bool = False  # the stored file is encrypted at rest (it holds secrets)
    # Sent once, then the file is deleted and ``on_delivered(document, actor)`` runs (in the
    # same transaction).
    deliver_once: bool = False
    on_delivered: Callable[[GeneratedDocument, Any], None] | None = None
    # A ready, undelivered document is handed out again instead of rendering a new one.
    reuse_ready: bool = False

    def permits(self, access: UnitAccess, document: GeneratedDocument | None = None) -> bool:
        if not access.has(self.need):
            return False
        return document is None or self.allowed is None or self.allowed(access, document)


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    existing = _KINDS.get(kind.name)
    if existing is not None and existing.render is not kind.render:
        raise ValueError(f"document kind {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    return kind


def kind_for(name: str) -> DocumentKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no document kind {name!r} is registered") from None


def registered_kinds() -> dict[str, DocumentKind]:
    return dict(_KINDS)


def render_now(
    kind: str, params: Mapping[str, Any], *, unit_id: Any = None, language: str = "th"
) -> Rendered:
    """Render without storing anything (management commands write the file themselves)."""
    job = RenderJob(kind=kind, params=dict(params), unit_id=unit_id, language=language)
    with translation.override(language):
        return kind_for(kind).render(job)

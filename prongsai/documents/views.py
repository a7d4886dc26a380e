"""The page a user lands on after asking for a document (progress, then the file), the file
itself, retrying a failed render, and the unit's recent documents.

The page refreshes itself while the document is being prepared (``<meta http-equiv=refresh>``:
no JavaScript needed) and, when the user came straight from a download button (``?start=1``),
starts the download once it is ready.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.downloads import as_attachment
from prongsai.core.encryption import decrypt
from prongsai.organizations.access import UnitAccess, unit_access

from . import selectors, services
from .models import GeneratedDocument
from .registry import DocumentKind

CHUNK = 64 * 1024
REFRESH_SECONDS = 2


def document_redirect(document: GeneratedDocument) -> HttpResponseRedirect:
    """Where a download button leads: the document's page, which starts the download."""
    return redirect(f"{document.get_absolute_url()}?start=1")


def _context(access: UnitAccess, document: GeneratedDocument, kind: DocumentKind) -> dict[str, Any]:
    year = document.params.get("year")
    return {
        "access": access,
        "unit": access.unit,
        "year": year if isinstance(year, int) else None,
        "tab": kind.tab,
        "document": document,
        "back_url": kind.back(document) if kind.back else "",
    }


@login_required
def detail(request: HttpRequest, slug: str, document_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug)
    document, kind = selectors.document_for(access, document_id)
    start = request.GET.get("start") == "1"
    context = _context(access, document, kind)
    context.update(
        {
            "start": start,
            "refresh": REFRESH_SECONDS if document.is_pending else None,
            "queue_position": selectors.queue_position(document),
            "deliver_once": kind.deliver_once,
            "auto_download": start and document.is_ready,
        }
    )
    return render(request, "documents/detail.html", context)


def _deliver_once(
    request: HttpRequest, document: GeneratedDocument, content: bytes
) -> Iterator[bytes]:
    """Yield the file; only when the last byte was handed to the server is it delivered (a
    download cut short leaves the document, and what it holds, in place for another try)."""
    for start in range(0, len(content), CHUNK):
        yield content[start : start + CHUNK]
    services.document_delivered(actor=request.user, document=document)


@login_required
def file(request: HttpRequest, slug: str, document_id: uuid.UUID) -> HttpResponseBase:
    access = unit_access(request, slug)
    document, kind = selectors.document_for(access, document_id)
    if not document.is_ready:
        return redirect(document.get_absolute_url())
    if kind.deliver_once and request.method != "GET":
        # A HEAD (a download manager's probe) would run the body to its end unseen.
        return HttpResponseNotAllowed(["GET"])
    try:
        handle = default_storage.open(str(document.file.name), "rb")
    except OSError:
        messages.error(request, _("The file is no longer stored. Prepare it again."))
        return redirect(document.get_absolute_url())
    response: HttpResponseBase
    if document.encrypted or kind.deliver_once:
        with handle:
            content = handle.read()
        if document.encrypted:
            content = decrypt(content)
        if kind.deliver_once:
            response = StreamingHttpResponse(
                _deliver_once(request, document, content), content_type=document.content_type
            )
        else:
            response = HttpResponse(content, content_type=document.content_type)
        response["Content-Length"] = str(len(content))
    else:
        response = FileResponse(handle, content_type=document.content_type)
        response["Content-Length"] = str(document.size)
    response["X-Content-SHA256"] = document.sha256
    return as_attachment(response, document.file_name)


@login_required
@require_POST
def retry(request: HttpRequest, slug: str, document_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug)
    document, _kind = selectors.document_for(access, document_id)
    if not document.can_retry:
        return redirect(document.get_absolute_url())
    return document_redirect(services.document_retry(actor=request.user, document=document))


@login_required
def unit_documents(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug)
    return render(
        request,
        "documents/list.html",
        {
            "access": access,
            "unit": access.unit,
            "documents": selectors.recent_documents(access, limit=50),
            "keep_days": settings.DOCUMENTS_KEEP_DAYS,
        },
    )

"""Serving uploaded files safely (never from MEDIA_URL).

Every response carries the content type we sniffed when the file was uploaded, never the one the
browser sent; ``X-Content-Type-Options: nosniff``; and ``Content-Disposition: attachment`` unless
the file is a picture or a PDF *and* the caller asked for an inline preview. Nothing else is ever
shown inline in our origin.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header

from .models import StoredFile

# A file's own policy: no scripts, no plugins, no loading anything, even if a browser renders it.
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def file_response(stored: StoredFile, *, inline: bool, public: bool) -> FileResponse:
    try:
        handle = default_storage.open(stored.storage_name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The file is missing from storage") from exc
    show_inline = inline and stored.previewable
    response = FileResponse(handle, content_type=stored.content_type)
    response["Content-Length"] = str(stored.size)
    disposition = content_disposition_header(not show_inline, stored.original_name)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # Chromium's PDF viewer does not run under a sandbox or ``object-src 'none'`` policy; a PDF
    # is not HTML, so it only needs to be kept out of other sites' frames.
    response["Content-Security-Policy"] = "frame-ancestors 'self'" if stored.is_pdf else FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response

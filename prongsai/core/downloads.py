"""The headers every file we hand out carries (generated documents, QR images, exports).

``Content-Disposition: attachment`` (never shown inline in our origin), the type we chose, not
one the browser guesses (``nosniff``), a policy that lets the file run nothing even if opened,
and no caching outside the user's browser.
"""

from __future__ import annotations

from django.http import HttpResponseBase
from django.utils.http import content_disposition_header

DOWNLOAD_CSP = "default-src 'none'; sandbox"


def as_attachment(response: HttpResponseBase, file_name: str) -> HttpResponseBase:
    disposition = content_disposition_header(True, file_name)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response

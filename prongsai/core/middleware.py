"""Security headers not covered by Django's own SecurityMiddleware; requests that are not UTF-8."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

# Everything is served from our own origin: no CDN, no inline script, no third-party frames.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "frame-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)


SAME_ORIGIN_FRAMING_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")


def allow_same_origin_framing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view shown inside our own pages (e.g. an evidence preview in an <iframe>)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Content-Security-Policy"] = SAME_ORIGIN_FRAMING_CSP
        return response

    return wrapper


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


def _is_utf8(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or settings.DEFAULT_CHARSET).name == "utf-8"
    except LookupError:
        return False


def _decodes(urlencoded: bytes) -> bool:
    try:
        unquote_to_bytes(urlencoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _readable(request: HttpRequest) -> bool:
    """Whether the query string and the form body are UTF-8 (as every browser sends them)."""
    if not _is_utf8(request.encoding):
        return True  # the client declared another charset; Django decodes it with that one
    query = request.META.get("QUERY_STRING", "")
    # WSGI hands the raw bytes over as ISO-8859-1 text (PEP 3333): this gets them back.
    if query and not _decodes(query.encode("iso-8859-1", errors="replace")):
        return False
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return True
    if request.content_type == "application/x-www-form-urlencoded":
        return _decodes(request.body)
    if request.content_type == "multipart/form-data":
        # Parts are decoded by Django with replacement characters; a browser never sends one.
        return not any("\ufffd" in value for values in request.POST.lists() for value in values[1])
    return True


class Utf8RequestMiddleware:
    """Refuse, with the product's 400 page, a query string or a form that is not valid UTF-8.

    Django would decode it with replacement characters and the form would store "��". Placed
    after CsrfViewMiddleware: the check runs in ``process_view``, once the form has been parsed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if _readable(request):
            return None
        from .views import bad_request

        return bad_request(
            request,
            reason=_(
                "The form or the address contains text that is not valid UTF-8, so it could "
                "not be read."
            ),
        )

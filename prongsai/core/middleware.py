"""Security headers not covered by Django's own SecurityMiddleware."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

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

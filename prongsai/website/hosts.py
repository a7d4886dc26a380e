"""A unit's own host names: requests for them serve the unit's public site at ``/``.

The truth is the database (``HostName``), read on each request whose host is not one of
``ALLOWED_HOSTS`` (one indexed query; no per-process memory, so every app server agrees the
moment a host is added or removed). A known host gets a validated ``request.get_host`` — which
also makes Django's CSRF origin check accept same-origin forms on it — and the host URL
configuration (``host_urls``); an unknown host is left to Django, which refuses it (400).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port, validate_host

from prongsai.core.site import site_base

from .models import HostName

HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")


def normalise_host(value: str) -> str:
    return (value or "").strip().lower().rstrip(".")


def unit_for_host(domain: str) -> HostName | None:
    return (
        HostName.objects.filter(host=normalise_host(domain), unit__is_active=True)
        .select_related("unit")
        .first()
    )


def unit_site_url(unit_slug: str, path: str) -> str | None:
    """The absolute URL of ``path`` on the unit's own host, when it has one."""
    prefix = f"/p/{unit_slug}/"
    if not path.startswith(prefix):
        return None
    host = (
        HostName.objects.filter(unit__slug=unit_slug)
        .order_by("host")
        .values_list("host", flat=True)
        .first()
    )
    if host is None:
        return None
    scheme = urlsplit(site_base()).scheme or "https"
    return f"{scheme}://{host}/{path[len(prefix) :]}"


class UnitHostMiddleware:
    """First in the chain: before anything asks for the request's host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            raw = request._get_raw_host()  # type: ignore[attr-defined]
        except KeyError:
            raw = ""
        domain, _port = split_domain_port(raw)
        if domain and not validate_host(domain, settings.ALLOWED_HOSTS):
            found = unit_for_host(domain)
            if found is not None:
                request.get_host = lambda: raw  # type: ignore[method-assign]
                request.urlconf = "prongsai.website.host_urls"
                request.site_unit = found.unit  # type: ignore[attr-defined]
        return self.get_response(request)

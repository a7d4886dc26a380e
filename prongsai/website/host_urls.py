"""The URL configuration of a request on a unit's own host name (``hosts.UnitHostMiddleware``):
the unit's public site and OIT pages without the ``p/<slug>/`` prefix, then every route of the
main site (log-in, surveys, the ``/p/<slug>/…`` addresses themselves)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from config import urls as root_urls
from prongsai.core.routing import public

from . import views_site

handler400 = "prongsai.core.views.bad_request"
PREFIX = "p/<slug:slug>/"


def _for_host_unit(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, *args, slug=request.site_unit.slug, **kwargs)  # type: ignore[attr-defined]

    return public(wrapped)


def _unprefixed(patterns: list[Any]) -> list[URLPattern]:
    """Every public ``p/<slug>/…`` route of the apps, without the prefix."""
    out = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "":
            out += _unprefixed(pattern.url_patterns)
            continue
        route = str(pattern.pattern)
        if isinstance(pattern, URLPattern) and route.startswith(PREFIX):
            out.append(path(route[len(PREFIX) :], _for_host_unit(pattern.callback)))
    return out


urlpatterns = [
    path("sitemap.xml", views_site.sitemap),
    path("sitemap-pages.xml", views_site.sitemap_pages),
    path("robots.txt", views_site.robots),
    *_unprefixed(root_urls.urlpatterns),
    path("", include("config.urls")),
]

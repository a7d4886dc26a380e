"""Per host: ``/sitemap.xml`` (every public page: the unit's own on its host, every unit's on
the main site) and ``/robots.txt``.

``/sitemap.xml`` is a sitemap index; the pages are listed by ``/sitemap-pages.xml?p=N``, at most
50,000 URLs each (the protocol's limit, Django's sitemap framework pages them), so a site of any
size stays valid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from prongsai.assessments.models import Assessment
from prongsai.core.routing import public
from prongsai.core.site import absolute_url, unit_public_url
from prongsai.frameworks.models import Item
from prongsai.organizations.models import Unit

from .models import NewsPost, ProfileVersion

MAX_URLS = 50_000  # the sitemap protocol's limit per file


def unit_pages(unit: Unit) -> Iterator[str]:
    """The paths of every public page of ``unit``."""
    slug = unit.slug
    yield reverse("website:home", kwargs={"slug": slug})
    for section in (
        ProfileVersion.objects.filter(unit=unit).values_list("section", flat=True).distinct()
    ):
        yield reverse("website:section", kwargs={"slug": slug, "section": section})
    yield reverse("website:news", kwargs={"slug": slug})
    for pk in NewsPost.objects.filter(unit=unit, is_published=True).values_list("pk", flat=True):
        yield reverse("website:post", kwargs={"slug": slug, "post_id": pk})
    yield reverse("website:search", kwargs={"slug": slug})
    yield reverse("complaints:guideline", kwargs={"slug": slug})
    yield reverse("inquiries:public", kwargs={"slug": slug})
    for assessment in Assessment.objects.filter(unit=unit).order_by("year"):
        yield reverse("portal:oit_index", kwargs={"slug": slug, "year": assessment.year})
        codes = (
            Item.objects.filter(framework_id=assessment.framework_id)
            .order_by("position")
            .values_list("code", flat=True)
        )
        for code in codes:
            yield reverse(
                "portal:oit_item", kwargs={"slug": slug, "year": assessment.year, "code": code}
            )


def _urls(request: HttpRequest) -> list[str]:
    site_unit = getattr(request, "site_unit", None)
    units = [site_unit] if site_unit else Unit.objects.filter(is_active=True).order_by("path")
    urls: list[str] = []
    for unit in units:
        # The unit's public address once (on its own host name, maybe: a query), not per page.
        prefix = f"/p/{unit.slug}/"
        root = unit_public_url(unit.slug, prefix)
        urls += [
            root + path[len(prefix) :]
            if path.startswith(prefix)
            else unit_public_url(unit.slug, path)
            for path in unit_pages(unit)
        ]
    return urls


class PublicPages(Sitemap):
    """Every public page of the host, as absolute URLs (a unit's pages on its own host)."""

    limit = MAX_URLS

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._listed: list[str] | None = None

    def items(self) -> list[str]:
        if self._listed is None:  # the paginator asks on every use
            self._listed = _urls(self.request)
        return self._listed

    def location(self, item: str) -> str:
        return item  # the items are the addresses themselves

    def get_urls(self, page: Any = 1, site: Any = None, protocol: Any = None) -> list[Any]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = url["item"]  # already absolute, maybe on the unit's host
        return urls


def _sitemap_base(request: HttpRequest) -> str:
    site_unit = getattr(request, "site_unit", None)
    if site_unit is None:
        return absolute_url("")
    return unit_public_url(
        site_unit.slug, reverse("website:home", kwargs={"slug": site_unit.slug})
    ).rstrip("/")


@public
@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """The sitemap index: one entry per page of at most 50,000 URLs."""
    pages = PublicPages(request).paginator.num_pages
    base = _sitemap_base(request) + "/sitemap-pages.xml"
    return render(
        request,
        "website/sitemap_index.xml",
        {"sitemaps": [base] + [f"{base}?p={n}" for n in range(2, pages + 1)]},
        content_type="application/xml; charset=utf-8",
    )


@public
@require_safe
def sitemap_pages(request: HttpRequest) -> HttpResponse:
    """One page of the sitemap (``?p=N``; an unknown page is 404)."""
    response: HttpResponse = sitemap_page(
        request,
        {"pages": PublicPages(request)},
        section="pages",
        template_name="website/sitemap.xml",
        content_type="application/xml; charset=utf-8",
    )
    return response


@public
@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /u/",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /evaluate/",
        "Disallow: /s/",
        "Allow: /",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

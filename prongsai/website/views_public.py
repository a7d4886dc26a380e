"""The unit's public website: home, profile pages (each version kept), news, Atom feed, search,
pictures, sitemap and robots.txt. No log-in; only what is published."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from prongsai.core.routing import public
from prongsai.core.site import absolute_url, unit_public_url
from prongsai.disclosures.files import FILE_CSP
from prongsai.portal.pagecache import cached_public_page

from . import selectors
from .content import profile_of
from .models import Category, NewsPost, Section, SiteImage
from .search import search as run_search


def _public(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    # No shared-cache header: the pages carry the language form's CSRF token (the stored page,
    # portal.pagecache, gets each visitor's own).
    return response


def _base(unit: Any, **extra: Any) -> dict[str, Any]:
    return {"unit": unit, "profile": profile_of(unit), **extra}


@public
@require_safe
@cached_public_page
def home(request: HttpRequest, slug: str) -> HttpResponse:
    unit = selectors.public_unit(slug)
    context = selectors.home_context(unit)
    context["og_url"] = (
        unit_public_url(unit.slug, request.path)
        if request.path.startswith("/p/")
        else absolute_url(request.path)
    )
    return _public(render(request, "website/home.html", context), request)


def _section_page(
    request: HttpRequest, slug: str, section: str, number: int | None
) -> HttpResponse:
    unit = selectors.public_unit(slug)
    version = selectors.version_of(unit, section, number)
    latest = selectors.version_of(unit, section)
    content = dict(version.content)
    if content.get("signed_on"):
        content["signed_on"] = dt.date.fromisoformat(content["signed_on"])

    def image_id(value: Any) -> str:
        return str((value or {}).get("id", "")) if isinstance(value, dict) else ""

    people = content.get("executives", [])
    images = selectors.images_by_id(
        unit,
        [image_id(content.get(k)) for k in ("area_map", "signature")]
        + [image_id(e.get("photo")) for e in people],
    )
    people = [{**e, "img": images.get(image_id(e.get("photo")))} for e in people]
    return _public(
        render(
            request,
            "website/section.html",
            _base(
                unit,
                section=section,
                section_label=Section(section).label,
                version=version,
                latest=latest,
                c=content,
                people=people,
                area_map=images.get(image_id(content.get("area_map"))),
                signature=images.get(image_id(content.get("signature"))),
            ),
        ),
        request,
    )


@public
@require_safe
@cached_public_page
def section(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    return _section_page(request, slug, section, None)


@public
@require_safe
@cached_public_page
def version(request: HttpRequest, slug: str, section: str, number: int) -> HttpResponse:
    return _section_page(request, slug, section, number)


@public
@require_safe
@cached_public_page
def news(request: HttpRequest, slug: str) -> HttpResponse:
    unit = selectors.public_unit(slug)
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    return _public(
        render(
            request,
            "website/news_list.html",
            _base(
                unit,
                posts=selectors.published_news(unit, category=category, limit=100),
                category=category,
                categories=Category.choices,
            ),
        ),
        request,
    )


@public
@require_safe
@cached_public_page
def post(request: HttpRequest, slug: str, post_id: uuid.UUID) -> HttpResponse:
    unit = selectors.public_unit(slug)
    item = get_object_or_404(
        NewsPost.objects.select_related("photo"), pk=post_id, unit=unit, is_published=True
    )
    url = unit_public_url(unit.slug, request.path)
    return _public(
        render(request, "website/post.html", _base(unit, post=item, share_url=url)), request
    )


@public
@require_safe
@cached_public_page
def feed(request: HttpRequest, slug: str) -> HttpResponse:
    unit = selectors.public_unit(slug)
    posts = selectors.published_news(unit, limit=30)
    updated = max((p.updated_at for p in posts), default=timezone.now())
    home_url = unit_public_url(unit.slug, reverse("website:home", kwargs={"slug": unit.slug}))
    entries = [
        {
            "post": p,
            "url": unit_public_url(
                unit.slug, reverse("website:post", kwargs={"slug": unit.slug, "post_id": p.pk})
            ),
            "published": timezone.make_aware(dt.datetime.combine(p.published_on, dt.time())),
        }
        for p in posts
    ]
    response = render(
        request,
        "website/feed.atom",
        {
            "unit": unit,
            "entries": entries,
            "updated": updated,
            "home_url": home_url,
            "self_url": unit_public_url(unit.slug, request.path),
        },
        content_type="application/atom+xml; charset=utf-8",
    )
    return _public(response, request)


@public
@require_safe
def search(request: HttpRequest, slug: str) -> HttpResponse:
    unit = selectors.public_unit(slug)
    query = (request.GET.get("q") or "")[:200]
    hits = run_search(unit, query) if query.strip() else []
    return _public(
        render(request, "website/search.html", _base(unit, query=query, hits=hits)), request
    )


@public
@require_safe
def site_image(request: HttpRequest, slug: str, image_id: uuid.UUID, width: int) -> FileResponse:
    image = get_object_or_404(SiteImage, pk=image_id, unit__slug=slug, unit__is_active=True)
    name = image.variants.get(str(width))
    if not name:
        raise Http404("No such size")
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("The picture is missing from storage") from exc
    response = FileResponse(handle, content_type=image.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # an id never changes
    return response

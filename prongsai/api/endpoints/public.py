"""Operations without a token: what the public pages already show (the unit's OIT links, the
disclosure manifest, public complaint statistics with small counts suppressed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Schema

from prongsai.complaints.selectors import complaint_statistics
from prongsai.disclosures.exports import ita_links
from prongsai.organizations.models import Unit

from ..auth import public_assessment
from ..documents import published_list
from ..manifest import Manifest
from ..manifest_cache import manifest_cached
from ..params import Slug, Year
from .common import PUBLIC_ERRORS

router = Router(tags=["public"], auth=None)


class OitLinkOut(Schema):
    code: str
    url: str


class ComplaintPeriodOut(Schema):
    key: str
    label: str
    kind: str
    empty: bool
    cells: dict[str, str]
    median_days_to_acknowledge: str
    median_days_to_conclude: str


class ComplaintStatisticsOut(Schema):
    unit: str
    year: int
    suppressed_below: int
    periods: list[ComplaintPeriodOut]


@router.get(
    "/public/units/{slug}/years/{year}/oit-links",
    response={200: list[OitLinkOut], **PUBLIC_ERRORS},
    summary="The public address of every OIT item (what ita_links prints)",
)
def oit_links(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, str]]:
    return [{"code": c, "url": u} for c, u in ita_links(public_assessment(slug, year))]


@router.get(
    "/public/units/{slug}/years/{year}/manifest",
    response={200: Manifest, **PUBLIC_ERRORS},
    summary="The disclosure manifest (the same as /p/<unit>/<year>/manifest.json)",
)
def manifest(request: HttpRequest, slug: Slug, year: Year) -> HttpResponse:
    from ..api import conditional  # (api.py imports the routers)

    body = manifest_cached(public_assessment(slug, year))  # stored per version (shared)
    return conditional(request, HttpResponse(body, content_type="application/json"))


@router.get(
    "/public/units/{slug}/complaint-statistics/{year}",
    response={200: ComplaintStatisticsOut, **PUBLIC_ERRORS},
    summary="Public complaint statistics of a fiscal year (small counts shown as '< N')",
)
def complaint_stats(request: HttpRequest, slug: Slug, year: Year) -> dict[str, Any]:
    unit = Unit.objects.filter(slug=slug, is_active=True).first()
    if unit is None:
        raise Http404
    data = complaint_statistics(unit, year, lang=get_language() or "th")
    return {
        "unit": unit.slug,
        "year": year,
        "suppressed_below": data.threshold,
        "periods": [
            {
                "key": row.key,
                "label": str(row.label),
                "kind": row.kind,
                "empty": row.empty,
                "cells": dict(row.cells),
                "median_days_to_acknowledge": row.median_ack,
                "median_days_to_conclude": row.median_conclude,
            }
            for row in data.rows
        ],
    }


class DocumentOut(Schema):
    series: str
    title: str
    item_code: str | None
    period: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    format: str
    url: str
    version: int
    content_type: str | None
    sha256: str | None
    published_at: dt.datetime


@router.get(
    "/public/units/{slug}/years/{year}/documents",
    response={200: list[DocumentOut], **PUBLIC_ERRORS},
    summary="The documents and datasets the unit published for the year (current versions)",
)
def documents(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, Any]]:
    return published_list(public_assessment(slug, year))

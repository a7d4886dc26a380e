"""Public pages and files of published documents: no log-in, stable URLs.

``/p/<unit>/<year>/data/`` lists what the unit published in the year; ``…/data/<series>/`` a
series' periods with their formats and older versions; ``…/<period>.<fmt>`` is the current file
(while a new version is still being prepared, the previous one), ``…/<period>/v<N>.<fmt>`` a
given version. Files go out with their own type, their SHA-256 and an ETag.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase, HttpResponseNotModified
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from prongsai.core.downloads import DOWNLOAD_CSP
from prongsai.core.routing import public
from prongsai.documents.models import DocumentStatus
from prongsai.organizations.models import Unit

from . import selectors
from .models import Publication
from .periods import PeriodError, period_label
from .registry import FORMATS, Series, series_by_slug


def _unit(slug: str) -> Unit:
    unit = Unit.objects.filter(slug=slug, is_active=True).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def _series(slug: str) -> Series:
    spec = series_by_slug(slug)
    if spec is None:
        raise Http404("No such series")
    return spec


@public
def data_index(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    unit = _unit(slug)
    blocks = selectors.published_series(unit, year)
    return render(
        request, "publications/data_index.html", {"unit": unit, "year": year, "blocks": blocks}
    )


@public
def series_index(request: HttpRequest, slug: str, year: int, series: str) -> HttpResponse:
    unit = _unit(slug)
    spec = _series(series)
    periods = selectors.series_periods(unit, year, spec.name)
    if not periods:
        raise Http404("Nothing published")
    return render(
        request,
        "publications/series.html",
        {"unit": unit, "year": year, "series": spec, "periods": periods},
    )


def _serve(request: HttpRequest, row: Publication) -> HttpResponseBase:
    document = row.document
    etag = f'"{document.sha256}"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponseBase = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    try:
        handle = default_storage.open(str(document.file.name), "rb")
    except OSError as exc:
        raise Http404("The file is missing from storage") from exc
    content_type = FORMATS[row.fmt][0]
    response = FileResponse(handle, content_type=content_type)
    response["Content-Length"] = str(document.size)
    # PDFs open in the browser (they run nothing); every other format is a download.
    disposition = content_disposition_header(row.fmt != "pdf", document.file_name)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "frame-ancestors 'self'" if row.fmt == "pdf" else DOWNLOAD_CSP
    )
    response["X-Content-SHA256"] = document.sha256
    response["ETag"] = etag
    response["Last-Modified"] = row.published_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    response["Cache-Control"] = "public, max-age=300"
    return response


def _rows(
    slug: str, year: int, series: str, period: str, fmt: str
) -> tuple[Unit, list[Publication]]:
    unit = _unit(slug)
    spec = _series(series)
    try:
        period_label(year, period)
    except PeriodError as exc:
        raise Http404("No such period") from exc
    rows = list(
        Publication.objects.filter(unit=unit, year=year, series=spec.name, period=period, fmt=fmt)
        .select_related("document")
        .order_by("-version")
    )
    if not rows:
        raise Http404("Nothing published")
    return unit, rows


def _preparing(request: HttpRequest, unit: Unit, year: int) -> HttpResponse:
    response = render(
        request,
        "publications/preparing.html",
        {
            "unit": unit,
            "year": year,
            "message": _("This document is being prepared. Try again in a minute."),
        },
        status=503,
    )
    response["Retry-After"] = "30"
    return response


@public
def file(
    request: HttpRequest, slug: str, year: int, series: str, period: str, fmt: str
) -> HttpResponseBase:
    """The current version; while it is being prepared (or if it failed), the newest ready one."""
    unit, rows = _rows(slug, year, series, period, fmt)
    ready = [row for row in rows if row.is_ready]
    if not ready:
        return _preparing(request, unit, year)
    return _serve(request, ready[0])


@public
def version_file(
    request: HttpRequest, slug: str, year: int, series: str, period: str, version: int, fmt: str
) -> HttpResponseBase:
    unit, rows = _rows(slug, year, series, period, fmt)
    row = next((r for r in rows if r.version == version), None)
    if row is None:
        raise Http404("No such version")
    if not row.is_ready:
        if row.document.status == DocumentStatus.FAILED:
            raise Http404("This version could not be prepared")
        return _preparing(request, unit, year)
    return _serve(request, row)

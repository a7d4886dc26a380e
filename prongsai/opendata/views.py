"""The open-data catalogue: DCAT-AP 3 in Turtle and JSON-LD at ckanext-dcat's addresses
(``/catalog.ttl``, ``/catalog.jsonld`` with ``?page=`` and ``?modified_since=``;
``/dataset/<id>.ttl|jsonld``), the human catalogue and dataset pages (with ``<link
rel="alternate">``), and a unit's page for its datasets' metadata."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from prongsai.core.routing import public
from prongsai.organizations.access import Capability, unit_access
from prongsai.organizations.models import Unit
from prongsai.publications.registry import series_by_slug

from . import selectors, services
from .catalog import CONTENT_TYPES, catalog_graph, dataset_graph, serialize
from .forms import DatasetMetadataForm
from .metadata import FIELDS


def _since(text: str) -> dt.datetime | None:
    """``modified_since``: an ISO-8601 date or date-time (a date means its midnight)."""
    moment = parse_datetime(text)
    if moment is None:
        day = parse_date(text)
        if day is None:
            raise ValueError(text)
        moment = dt.datetime.combine(day, dt.time(0, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _query(request: HttpRequest) -> tuple[int, dt.datetime | None, dict[str, str]] | None:
    try:
        page = int(request.GET.get("page") or 1)
        since_text = (request.GET.get("modified_since") or "").strip()
        since = _since(since_text) if since_text else None
    except (ValueError, OverflowError):
        return None
    if page < 1 or page > 100_000:
        return None
    return page, since, ({"modified_since": since_text} if since_text else {})


def catalog_publisher() -> str:
    root = Unit.objects.filter(parent__isnull=True, is_active=True).order_by("path").first()
    return root.name_th if root else "Prongsai"


@public
def catalog(request: HttpRequest, rdf_format: str) -> HttpResponse:
    parsed = _query(request)
    if parsed is None:
        return HttpResponseBadRequest(
            _("page must be a number and modified_since an ISO-8601 date.")
        )
    page_number, since, query = parsed
    page = selectors.catalog_page(page=page_number, modified_since=since)
    graph = catalog_graph(
        page,
        fmt=rdf_format,
        publisher=catalog_publisher(),
        title="แคตตาล็อกข้อมูลเปิดของหน่วยงาน",
        description="ชุดข้อมูลที่หน่วยงานเผยแพร่เป็นหลักฐานการประเมินคุณธรรมและความโปร่งใส (ITA) "
        "จัดทำจากระบบโดยตรง ทุกไฟล์มีที่อยู่ถาวรและค่า SHA-256",
        query=query,
    )
    return HttpResponse(serialize(graph, rdf_format), content_type=CONTENT_TYPES[rdf_format])


def _dataset(dataset_id: UUID) -> selectors.Dataset:
    found = selectors.dataset_by_id(str(dataset_id))
    if found is None:
        raise Http404("No such dataset")
    return found


@public
def dataset_rdf(request: HttpRequest, dataset_id: UUID, rdf_format: str) -> HttpResponse:
    dataset = _dataset(dataset_id)
    return HttpResponse(
        serialize(dataset_graph(dataset), rdf_format), content_type=CONTENT_TYPES[rdf_format]
    )


@public
def catalog_page(request: HttpRequest) -> HttpResponse:
    parsed = _query(request)
    if parsed is None:
        return HttpResponseBadRequest(
            _("page must be a number and modified_since an ISO-8601 date.")
        )
    page_number, since, _query_params = parsed
    page = selectors.catalog_page(page=page_number, modified_since=since)
    return render(request, "opendata/catalog.html", {"page": page})


@public
def dataset_page(request: HttpRequest, dataset_id: UUID) -> HttpResponse:
    dataset = _dataset(dataset_id)
    labels = [(f.label, dataset.values.get(f.key, "")) for f in FIELDS if f.editable]
    return render(request, "opendata/dataset.html", {"dataset": dataset, "labels": labels})


@login_required
def unit_datasets(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    return render(
        request,
        "opendata/unit_datasets.html",
        {
            "access": access,
            "unit": access.unit,
            "tab": "datasets",
            "datasets": selectors.unit_datasets(access.unit),
        },
    )


@login_required
def unit_dataset_edit(request: HttpRequest, slug: str, series: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    spec = series_by_slug(series)
    if spec is None:
        raise Http404("No such series")
    initial: dict[str, Any] = selectors.unit_series_values(access.unit, spec)
    form = DatasetMetadataForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_metadata_save(
                actor=request.user, unit=access.unit, series=spec, values=form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved."))
            return redirect("opendata:unit_datasets", slug=slug)
    return render(
        request,
        "opendata/unit_dataset_form.html",
        {"access": access, "unit": access.unit, "tab": "datasets", "series": spec, "form": form},
    )

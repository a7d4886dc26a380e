"""The parent organisation's overview of its subtree (reads only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from prongsai.assessments.integrity_signals import registered_signals
from prongsai.assessments.models import Assessment
from prongsai.core.thai_dates import fiscal_year
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import access_for
from prongsai.organizations.models import Unit
from prongsai.organizations.selectors import unit_ancestors

from .access import may_see_rollup, rollup_access
from .document_kinds import PDF, XLSX, export_params
from .forms import OverviewFilterForm
from .heatmap import (
    FRESH_DAYS,
    indicator_columns,
    indicator_heatmap,
    item_columns,
    legend,
    oit_heatmap,
    reporting_rates,
    score_legend,
    subtree_assessed,
)
from .selectors import UnitRow, filter_rows, sort_rows, subtree_overview

PAGE_SIZE = 50


def _breadcrumbs(request: HttpRequest, unit: Unit) -> list[tuple[Unit, bool]]:
    """The unit's ancestors, each with whether the caller may open its roll-up."""
    return [
        (ancestor, may_see_rollup(access_for(request.user, ancestor)))
        for ancestor in unit_ancestors(unit)
    ]


@login_required
def overview_latest(request: HttpRequest, slug: str) -> HttpResponse:
    """The overview of the newest fiscal year any unit of the subtree has an assessment for
    (else the current one)."""
    access = rollup_access(request, slug)
    year = (
        Assessment.objects.filter(unit__path__startswith=access.unit.path)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    ) or fiscal_year(timezone.localdate())
    return redirect("rollup:overview", slug=access.unit.slug, year=year)


@login_required
def overview(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug)
    data = subtree_overview(access.unit, year)
    form = OverviewFilterForm(request.GET or None, levels=data.levels, kinds=data.kinds)
    rows = sort_rows(filter_rows(data.rows, **form.filters()), form.sort_key())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    unsorted = query.copy()
    unsorted.pop("sort", None)
    return render(
        request,
        "rollup/overview.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "overview",
            "overview": data,
            "form": form,
            "page": page,
            "shown": len(rows),
            "signals": registered_signals(),
            "query": query.urlencode(),
            "unsorted": unsorted.urlencode(),
            "sort": form.sort_key(),
            "ancestors": _breadcrumbs(request, access.unit),
        },
    )


def _listed_rows(
    request: HttpRequest, access_unit: Unit, year: int
) -> tuple[OverviewFilterForm, list[UnitRow]]:
    """The heat maps' units: those with an assessment, filtered as on the overview. The full
    overview is read only when a filter needs its figures ("behind on …", status)."""
    assessed = subtree_assessed(access_unit, year)
    form = OverviewFilterForm(
        request.GET or None,
        levels=sorted({r.level for r in assessed}),
        kinds=sorted({r.unit.kind for r in assessed}),
    )
    filters = form.filters()
    if filters.get("behind") or filters.get("status"):
        rows = [r for r in subtree_overview(access_unit, year).rows if r.assessment is not None]
    else:
        rows = assessed
    return form, filter_rows(rows, **filters)


@login_required
def heatmap(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug)
    view = "indicators" if request.GET.get("view") == "indicators" else "oit"
    form, rows = _listed_rows(request, access.unit, year)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    if view == "indicators":
        columns = indicator_columns(listed)
        heat = indicator_heatmap(listed, columns)
        entries = score_legend()
    else:
        columns = item_columns(listed)
        heat = oit_heatmap(listed, columns)
        entries = legend()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "rollup/heatmap.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": f"heatmap-{view}",
            "view": view,
            "form": form,
            "page": page,
            "shown": len(rows),
            "columns": columns,
            "heat": heat,
            "legend": entries,
            "fresh_days": FRESH_DAYS,
            "query": query.urlencode(),
            "ancestors": _breadcrumbs(request, access.unit),
        },
    )


@login_required
def rates(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug)
    data = subtree_overview(access.unit, year)
    return render(
        request,
        "rollup/rates.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "rates",
            "overview": data,
            "rates": reporting_rates(access.unit, year, data.rows),
            "ancestors": _breadcrumbs(request, access.unit),
        },
    )


def _export(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    access = rollup_access(request, slug)
    # The overview's filters travel in the address (the button posts to it with them).
    form = OverviewFilterForm(request.GET or None, levels=range(0, 64), kinds=Unit.Kind.values)
    document = document_request(
        actor=request.user,
        access=access,
        kind=kind,
        params=export_params(year, form.filters(), form.sort_key()),
    )
    return document_redirect(document)


@login_required
@require_POST
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, XLSX)


@login_required
@require_POST
def export_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, PDF)

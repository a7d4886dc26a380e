"""The parent organisation's overview of its subtree (reads only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from prongsai.assessments.integrity_signals import registered_signals
from prongsai.assessments.models import Assessment
from prongsai.core.thai_dates import fiscal_year
from prongsai.organizations.access import access_for
from prongsai.organizations.models import Unit
from prongsai.organizations.selectors import unit_ancestors

from .access import may_see_rollup, rollup_access
from .forms import OverviewFilterForm
from .selectors import filter_rows, sort_rows, subtree_overview

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

"""The register's public page (no log-in): ``/p/<unit>/<year>/risks/`` lists what the unit
published of its register, the O19 assessment and plan and the O20 results of each round, every
format and version at its stable URL (``prongsai.publications``). Only published documents are
shown, never the register as it is being edited; before anything is published the page is 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.core.routing import public
from prongsai.organizations.models import Unit
from prongsai.publications.registry import series_for
from prongsai.publications.selectors import series_periods

from .publishing import ASSESSMENT_SERIES, RESULTS_SERIES


@public
def register_public(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    unit = Unit.objects.filter(slug=slug, is_active=True).first()
    if unit is None:
        raise Http404("No such unit")
    blocks = []
    for name in (ASSESSMENT_SERIES, RESULTS_SERIES):
        periods = series_periods(unit, year, name)
        if periods:
            blocks.append({"series": series_for(name), "periods": periods})
    if not blocks:
        raise Http404("Nothing published")
    return render(request, "risks/public.html", {"unit": unit, "year": year, "blocks": blocks})

"""Public pages: the home page. (Public OIT pages and open data live here as they come.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.assessments.models import Assessment
from prongsai.core.routing import public
from prongsai.organizations.models import Unit
from prongsai.organizations.selectors import units_visible_to


@public
def home(request: HttpRequest) -> HttpResponse:
    my_units: list[Unit] = []
    if request.user.is_authenticated:
        my_units = list(units_visible_to(request.user)[:50])
    latest = {
        a.unit_id: a
        for a in Assessment.objects.filter(unit__in=my_units).order_by("unit_id", "year")
    }
    return render(
        request,
        "portal/home.html",
        {"my_units": [(u, latest.get(u.pk)) for u in my_units]},
    )


@public
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")

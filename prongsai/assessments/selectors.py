from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from prongsai.frameworks.models import Framework
from prongsai.organizations.models import Unit

from .models import Assessment


def assessment_for(unit: Unit, year: int) -> Assessment:
    assessment = (
        Assessment.objects.filter(unit=unit, year=year).select_related("framework", "unit").first()
    )
    if assessment is None:
        raise Http404("No assessment for this year")
    return assessment


def assessments_of(unit: Unit) -> QuerySet[Assessment]:
    return Assessment.objects.filter(unit=unit).select_related("framework").order_by("-year")


def frameworks_available() -> QuerySet[Framework]:
    """The newest version of each framework code, newest year first."""
    latest: dict[str, Framework] = {}
    for framework in Framework.objects.order_by("code", "-version"):
        latest.setdefault(framework.code, framework)
    return Framework.objects.filter(pk__in=[f.pk for f in latest.values()]).order_by(
        "-year", "variant"
    )

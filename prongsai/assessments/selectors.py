from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.core.thai_dates import fiscal_year
from prongsai.frameworks.models import Framework
from prongsai.frameworks.periods import ResolvedPeriod
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


def years_to_open(unit: Unit, *, today: dt.date | None = None) -> list[int]:
    """Fiscal years a new assessment may be opened for, newest first: from the year before the
    current one (or the oldest framework's) to the next one (or the newest framework's), without
    the years the unit already has."""
    current = fiscal_year(today or timezone.localdate())
    framework_years = set(Framework.objects.values_list("year", flat=True))
    low = min(framework_years | {current - 1})
    high = max(framework_years | {current + 1})
    taken = set(Assessment.objects.filter(unit=unit).values_list("year", flat=True))
    return [y for y in range(high, low - 1, -1) if y not in taken]


def default_year_to_open(years: list[int], *, today: dt.date | None = None) -> int | None:
    """The current fiscal year when it is free, else the nearest free one after it."""
    current = fiscal_year(today or timezone.localdate())
    later = sorted(y for y in years if y >= current)
    return later[0] if later else (years[0] if years else None)


def item_periods(assessment: Assessment) -> dict[str, ResolvedPeriod | None]:
    """Per OIT item code, the dates its data must cover in this assessment (relative periods
    resolved to the assessment's fiscal year; see frameworks/periods.py). For item pages and the
    evidence pre-checker."""
    return assessment.framework.spec.item_periods_for(assessment.year)


def item_period(assessment: Assessment, code: str) -> ResolvedPeriod | None:
    return assessment.framework.spec.item_period_for(code, assessment.year)

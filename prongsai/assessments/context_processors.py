"""Year navigation for unit pages: the fiscal years the current unit has assessments for, and
the assessment of the page's year (its framework's notice is shown on every assessment page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Assessment


def years(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match else None
    user = getattr(request, "user", None)
    if not slug or user is None or not user.is_authenticated:
        return {}

    def nav_years() -> list[int]:
        # Only listed on pages the access helper already let the user see.
        return list(
            Assessment.objects.filter(unit__slug=slug)
            .order_by("-year")
            .values_list("year", flat=True)
        )

    def nav_assessment() -> Assessment | None:
        year = match.kwargs.get("year") if match else None
        if year is None:
            return None
        return (
            Assessment.objects.filter(unit__slug=slug, year=year)
            .select_related("framework")
            .first()
        )

    return {"nav_years": nav_years, "nav_assessment": nav_assessment}

"""Publishing the procurement documents through ``prongsai.publications``: a month publishes
its สขร.1 summary and its 16-field data (and its OCDS package when it has procurements); a
quarter publishes the plan and announcements (O13)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from prongsai.organizations.access import UnitAccess
from prongsai.publications.models import Publication
from prongsai.publications.services import publication_publish

from .document_kinds import OCDS, PLAN, POLICE, SUMMARY
from .models import Procurement
from .months import month_of_period


def series_for_period(access: UnitAccess, year: int, period: str) -> list[str]:
    if period.startswith("q"):
        return [PLAN]
    names = [SUMMARY, POLICE]
    month = month_of_period(period)
    if Procurement.objects.filter(unit=access.unit, year=year, month=month).exists():
        names.append(OCDS)
    return names


@transaction.atomic
def procurement_publish(
    *, actor: Any, access: UnitAccess, year: int, period: str, reason: str = ""
) -> list[Publication]:
    """Publish every procurement series of ``period`` (a month ``2567-03`` or ``q1``–``q4``). A
    series already published there is corrected (``reason`` required); a series not yet published
    there (the OCDS package of a month that had none) is published as a first version."""
    made: list[Publication] = []
    for series in series_for_period(access, year, period):
        first = not Publication.objects.filter(
            unit=access.unit, year=year, series=series, period=period
        ).exists()
        made.extend(
            publication_publish(
                actor=actor,
                access=access,
                series=series,
                year=year,
                period=period,
                reason="" if first else reason,
            )
        )
    return made

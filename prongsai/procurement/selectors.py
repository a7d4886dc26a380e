"""Reads of procurement records for pages, documents and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from prongsai.organizations.models import Unit

from .models import Procurement, ProcurementProfile
from .months import fiscal_months


def procurements(
    unit: Unit, year: int, *, months: list[dt.date] | None = None
) -> QuerySet[Procurement]:
    qs = Procurement.objects.filter(unit=unit, year=year).prefetch_related("bids")
    if months is not None:
        qs = qs.filter(month__in=months)
    return qs.order_by("month", "position", "created_at")


def procurement_of(unit: Unit, year: int, pk: Any) -> Procurement | None:
    return Procurement.objects.filter(unit=unit, year=year, pk=pk).prefetch_related("bids").first()


def profile_of(unit: Unit) -> ProcurementProfile:
    """The unit's profile, or an unsaved empty one."""
    return ProcurementProfile.objects.filter(unit=unit).first() or ProcurementProfile(unit=unit)


@dataclass(frozen=True)
class MonthCount:
    month: dt.date
    count: int
    total: Decimal


def month_counts(unit: Unit, year: int) -> list[MonthCount]:
    """Every month of the fiscal year with its number of procurements and agreed total."""
    rows = {
        r["month"]: r
        for r in Procurement.objects.filter(unit=unit, year=year)
        .values("month")
        .annotate(n=Count("id"), total=Sum("agreed_price"))
    }
    return [
        MonthCount(
            month=m,
            count=rows[m]["n"] if m in rows else 0,
            total=(rows[m]["total"] or Decimal(0)) if m in rows else Decimal(0),
        )
        for m in fiscal_months(year)
    ]

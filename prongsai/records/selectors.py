"""Reads of the records for pages, documents and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404

from prongsai.organizations.models import Unit

from .models import (
    DEFAULT_DUE_DAY,
    BudgetLine,
    BudgetMonth,
    FundQuarter,
    OperationEntry,
    OperationPhoto,
    RecordsSettings,
    StatSeries,
    StatValue,
)
from .periods import QUARTERS, fiscal_months, quarter_months


def due_day(unit: Unit) -> int:
    row = RecordsSettings.objects.filter(unit=unit).only("due_day").first()
    return row.due_day if row else DEFAULT_DUE_DAY


def thai_digits(unit: Unit) -> bool:
    """Whether the unit's PDF and Word documents (records and procurement) print ๐–๙."""
    return RecordsSettings.objects.filter(unit=unit, thai_digits=True).exists()


# --- operations ------------------------------------------------------------------------------
def operation_entries(unit: Unit, year: int, month: str | None = None) -> list[OperationEntry]:
    rows = OperationEntry.objects.filter(unit=unit, year=year).prefetch_related("photos")
    if month:
        rows = rows.filter(month=month)
    return list(rows)


def operation_entry_in(unit: Unit, year: int, entry_id: Any) -> OperationEntry:
    entry = OperationEntry.objects.filter(unit=unit, year=year, pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry")
    return entry


def operation_photo_in(unit: Unit, year: int, photo_id: Any) -> OperationPhoto:
    photo = (
        OperationPhoto.objects.filter(entry__unit=unit, entry__year=year, pk=photo_id)
        .select_related("entry")
        .first()
    )
    if photo is None:
        raise Http404("No such photo")
    return photo


def months_with_entries(unit: Unit, year: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for month in OperationEntry.objects.filter(unit=unit, year=year).values_list(
        "month", flat=True
    ):
        counts[month] = counts.get(month, 0) + 1
    return counts


# --- statistics ------------------------------------------------------------------------------
@dataclass
class SeriesRow:
    series: StatSeries
    values: dict[str, Decimal] = field(default_factory=dict)  # month → value

    def value(self, month: str) -> Decimal | None:
        return self.values.get(month)

    def cumulative(self, month: str, months: list[str]) -> Decimal:
        """From October up to and including ``month``."""
        upto = months[: months.index(month) + 1]
        return sum((self.values.get(m, Decimal(0)) for m in upto), Decimal(0))


def statistics_table(unit: Unit, year: int) -> list[SeriesRow]:
    rows = [SeriesRow(series=s) for s in StatSeries.objects.filter(unit=unit, year=year)]
    by_id = {row.series.pk: row for row in rows}
    for value in StatValue.objects.filter(series__in=[r.series for r in rows]):
        by_id[value.series_id].values[value.month] = value.value
    return rows


def series_in(unit: Unit, year: int, series_id: Any) -> StatSeries:
    series = StatSeries.objects.filter(unit=unit, year=year, pk=series_id).first()
    if series is None:
        raise Http404("No such series")
    return series


def months_with_values(unit: Unit, year: int) -> set[str]:
    return set(
        StatValue.objects.filter(series__unit=unit, series__year=year).values_list(
            "month", flat=True
        )
    )


# --- budget ----------------------------------------------------------------------------------
@dataclass
class BudgetRow:
    line: BudgetLine
    months: dict[str, BudgetMonth] = field(default_factory=dict)

    def planned(self, month: str) -> Decimal:
        row = self.months.get(month)
        return row.planned if row else Decimal(0)

    def spent(self, month: str) -> Decimal:
        row = self.months.get(month)
        return row.spent if row else Decimal(0)

    def spent_to(self, month: str, months: list[str]) -> Decimal:
        upto = months[: months.index(month) + 1]
        return sum((self.spent(m) for m in upto), Decimal(0))

    def planned_to(self, month: str, months: list[str]) -> Decimal:
        upto = months[: months.index(month) + 1]
        return sum((self.planned(m) for m in upto), Decimal(0))


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.01"))


def budget_table(unit: Unit, year: int) -> list[BudgetRow]:
    rows = [BudgetRow(line=line) for line in BudgetLine.objects.filter(unit=unit, year=year)]
    by_id = {row.line.pk: row for row in rows}
    for month in BudgetMonth.objects.filter(line__in=[r.line for r in rows]):
        by_id[month.line_id].months[month.month] = month
    return rows


def budget_line_in(unit: Unit, year: int, line_id: Any) -> BudgetLine:
    line = BudgetLine.objects.filter(unit=unit, year=year, pk=line_id).first()
    if line is None:
        raise Http404("No such budget line")
    return line


def months_with_budget(unit: Unit, year: int) -> set[str]:
    return set(
        BudgetMonth.objects.filter(line__unit=unit, line__year=year).values_list("month", flat=True)
    )


# --- fund ------------------------------------------------------------------------------------
def fund_quarters(unit: Unit, year: int) -> dict[str, FundQuarter]:
    return {q.quarter: q for q in FundQuarter.objects.filter(unit=unit, year=year)}


# --- exports ---------------------------------------------------------------------------------
def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def export_rows(unit: Unit, year: int, kind: str) -> list[dict[str, Any]]:
    """One dict per record with the kind's stable field names (README, "Records export")."""
    months = fiscal_months(year)
    out: list[dict[str, Any]] = []
    if kind == "operations":
        for e in operation_entries(unit, year):
            out.append(
                {
                    "year": year, "month": e.month, "position": e.position,
                    "work_area": e.work_area, "activity": e.activity, "details": e.details,
                    "period": e.period, "section": e.section, "photos": len(e.photos.all()),
                }
            )  # fmt: skip
    elif kind == "statistics":
        for row in statistics_table(unit, year):
            for month in months:
                if month in row.values:
                    out.append(
                        {
                            "year": year, "month": month, "series": row.series.name,
                            "category": row.series.category, "measure": row.series.measure,
                            "value": _money(row.values[month]),
                        }
                    )  # fmt: skip
    elif kind == "budget":
        for brow in budget_table(unit, year):
            base = {"year": year, "line": brow.line.name, "category": brow.line.category,
                    "planned_year": _money(brow.line.planned)}  # fmt: skip
            if not brow.months:
                out.append({**base, "month": "", "planned": "0.00", "spent": "0.00"})
            for month in months:
                if month in brow.months:
                    out.append(
                        {**base, "month": month, "planned": _money(brow.planned(month)),
                         "spent": _money(brow.spent(month))}
                    )  # fmt: skip
    elif kind == "fund":
        quarters = fund_quarters(unit, year)
        for q in QUARTERS:
            if q in quarters:
                f = quarters[q]
                out.append(
                    {"year": year, "quarter": q, "allocated": _money(f.allocated),
                     "spent": _money(f.spent), "cases": f.cases, "details": f.details}
                )  # fmt: skip
    order = {
        "operations": ("year", "month", "position", "work_area", "activity", "details", "period", "section", "photos"),
        "statistics": ("year", "month", "series", "category", "measure", "value"),
        "budget": ("year", "month", "line", "category", "planned_year", "planned", "spent"),
        "fund": ("year", "quarter", "allocated", "spent", "cases", "details"),
    }.get(kind, ())  # fmt: skip
    return [{k: row[k] for k in order} for row in out]


__all__ = ["quarter_months"]

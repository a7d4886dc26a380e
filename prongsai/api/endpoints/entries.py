"""Record entries of a unit's year, read with their ids and written through the records services
(``prongsai.records.services``: their own checks, one audit entry per write): operations entries
(O6), statistics values (O10), budget months (O11) and fund quarters (O12).

The same rights as the records pages: reading is a viewer's, writing an editor's or admin's,
and a write needs a read-write token. Amounts are decimal text (``"1250.50"``), never floats.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from prongsai.organizations.access import Capability
from prongsai.records import selectors, services
from prongsai.records.models import BudgetLine, BudgetMonth, OperationEntry, StatSeries, StatValue
from prongsai.records.periods import QUARTERS, fiscal_months

from ..auth import unit_for, user_of
from ..params import CleanText, Filters, Slug, Year, page_of
from .common import READ_ERRORS, TOKEN, WRITE_ERRORS

router = Router(tags=["records"], auth=TOKEN)

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
MONEY_PATTERN = r"^\d{1,13}(\.\d{1,2})?$"

Month = Annotated[
    str, Path(pattern=MONTH_PATTERN, description="A fiscal month (Buddhist era)", example="2567-01")
]
Quarter = Annotated[str, Path(pattern=r"^q[1-4]$", description="A fiscal quarter", example="q2")]
Money = Annotated[
    str, Field(pattern=MONEY_PATTERN, description="An amount as decimal text", examples=["1250.50"])
]


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _in_year(year: int, month: str) -> str:
    if month not in fiscal_months(year):
        raise ValidationError(
            {
                "month": [
                    _("%(month)s is not a month of fiscal year %(year)s.")
                    % {"month": month, "year": year}
                ]
            }
        )
    return month


# --- operations (O6) -------------------------------------------------------------------------
class EntryIn(Schema):
    month: str = Field(pattern=MONTH_PATTERN, description="The fiscal month, e.g. 2567-01")
    work_area: CleanText = Field(min_length=1, max_length=300)
    activity: CleanText = Field(min_length=1, max_length=500)
    details: CleanText = Field("", max_length=5000)
    period: CleanText = Field("", max_length=200)
    section: CleanText = Field("", max_length=300)


class EntryOut(Schema):
    id: uuid.UUID
    month: str
    position: int
    work_area: str
    activity: str
    details: str
    period: str
    section: str
    photos: int
    updated_at: dt.datetime


class EntryPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[EntryOut]


class EntryFilters(Schema):
    month: str | None = Field(None, pattern=MONTH_PATTERN, description="Only this month")


def _entry_out(entry: OperationEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "month": entry.month,
        "position": entry.position,
        "work_area": entry.work_area,
        "activity": entry.activity,
        "details": entry.details,
        "period": entry.period,
        "section": entry.section,
        "photos": len(entry.photos.all()),
        "updated_at": entry.updated_at,
    }


@router.get(
    "/units/{slug}/records/{year}/operations/entries",
    response={200: EntryPage, **READ_ERRORS},
    summary="The operations report's entries (O6) with their ids",
)
def entries_list(
    request: HttpRequest,
    slug: Slug,
    year: Year,
    filters: Filters,
    only: Annotated[EntryFilters, Query()],
) -> dict[str, Any]:
    unit = unit_for(request, slug).unit
    entries = selectors.operation_entries(unit, year, only.month)
    if filters.modified_since:
        entries = [e for e in entries if e.updated_at > filters.modified_since]
    page = page_of(entries, filters)
    page["results"] = [_entry_out(e) for e in page["results"]]
    return page


@router.post(
    "/units/{slug}/records/{year}/operations/entries",
    response={201: EntryOut, **WRITE_ERRORS},
    summary="Add an operations entry to a month (an editor's right; read-write token)",
)
def entry_add(
    request: HttpRequest, slug: Slug, year: Year, payload: EntryIn
) -> Status[dict[str, Any]]:
    unit = unit_for(request, slug, need=Capability.EDIT).unit
    entry = services.operation_entry_save(
        actor=user_of(request),
        unit=unit,
        year=year,
        month=_in_year(year, payload.month),
        fields=payload.model_dump(exclude={"month"}),
    )
    return Status(201, _entry_out(entry))


@router.put(
    "/units/{slug}/records/{year}/operations/entries/{entry_id}",
    response={200: EntryOut, **WRITE_ERRORS},
    summary="Change an operations entry (its month too; an editor's right; read-write token)",
)
def entry_change(
    request: HttpRequest, slug: Slug, year: Year, entry_id: uuid.UUID, payload: EntryIn
) -> dict[str, Any]:
    unit = unit_for(request, slug, need=Capability.EDIT).unit
    entry = selectors.operation_entry_in(unit, year, entry_id)
    saved = services.operation_entry_save(
        actor=user_of(request),
        unit=unit,
        year=year,
        month=_in_year(year, payload.month),
        fields=payload.model_dump(exclude={"month"}),
        entry=entry,
    )
    return _entry_out(saved)


# --- statistics (O10) ------------------------------------------------------------------------
class MonthValueOut(Schema):
    month: str
    value: str


class SeriesOut(Schema):
    id: uuid.UUID
    name: str
    category: str
    measure: str
    values: list[MonthValueOut]


class ValueIn(Schema):
    series_id: uuid.UUID
    value: Money | None = Field(description="The month's value; null removes it")


class ValuesIn(Schema):
    values: list[ValueIn] = Field(min_length=1, max_length=200)


class ChangedOut(Schema):
    month: str
    changed: int


@router.get(
    "/units/{slug}/records/{year}/statistics/series",
    response={200: list[SeriesOut], **READ_ERRORS},
    summary="The statistics series (O10) with their ids and monthly values",
)
def series_list(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, Any]]:
    unit = unit_for(request, slug).unit
    values: dict[Any, list[dict[str, str]]] = {}
    for value in StatValue.objects.filter(series__unit=unit, series__year=year).order_by("month"):
        values.setdefault(value.series_id, []).append(
            {"month": value.month, "value": _money(value.value)}
        )
    return [
        {
            "id": s.pk,
            "name": s.name,
            "category": s.category,
            "measure": s.measure,
            "values": values.get(s.pk, []),
        }
        for s in StatSeries.objects.filter(unit=unit, year=year)
    ]


@router.put(
    "/units/{slug}/records/{year}/statistics/values/{month}",
    response={200: ChangedOut, **WRITE_ERRORS},
    summary="Set a month's statistics values (an editor's right; read-write token)",
)
def values_set(
    request: HttpRequest, slug: Slug, year: Year, month: Month, payload: ValuesIn
) -> dict[str, Any]:
    unit = unit_for(request, slug, need=Capability.EDIT).unit
    changed = services.stat_values_set(
        actor=user_of(request),
        unit=unit,
        year=year,
        month=_in_year(year, month),
        values={v.series_id: None if v.value is None else Decimal(v.value) for v in payload.values},
    )
    return {"month": month, "changed": changed}


# --- budget (O11) ----------------------------------------------------------------------------
class BudgetMonthOut(Schema):
    month: str
    planned: str
    spent: str


class BudgetLineOut(Schema):
    id: uuid.UUID
    name: str
    category: str
    planned: str
    months: list[BudgetMonthOut]


class BudgetIn(Schema):
    line_id: uuid.UUID
    planned: Money
    spent: Money


class BudgetMonthIn(Schema):
    lines: list[BudgetIn] = Field(min_length=1, max_length=200)


@router.get(
    "/units/{slug}/records/{year}/budget/lines",
    response={200: list[BudgetLineOut], **READ_ERRORS},
    summary="The budget lines (O11) with their ids and monthly figures",
)
def budget_lines(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, Any]]:
    unit = unit_for(request, slug).unit
    months: dict[Any, list[dict[str, str]]] = {}
    for row in BudgetMonth.objects.filter(line__unit=unit, line__year=year).order_by("month"):
        months.setdefault(row.line_id, []).append(
            {"month": row.month, "planned": _money(row.planned), "spent": _money(row.spent)}
        )
    return [
        {
            "id": line.pk,
            "name": line.name,
            "category": line.category,
            "planned": _money(line.planned),
            "months": months.get(line.pk, []),
        }
        for line in BudgetLine.objects.filter(unit=unit, year=year)
    ]


@router.put(
    "/units/{slug}/records/{year}/budget/months/{month}",
    response={200: ChangedOut, **WRITE_ERRORS},
    summary="Set a month's planned and actual spending per line (an editor's right)",
)
def budget_month_set(
    request: HttpRequest, slug: Slug, year: Year, month: Month, payload: BudgetMonthIn
) -> dict[str, Any]:
    unit = unit_for(request, slug, need=Capability.EDIT).unit
    changed = services.budget_month_set(
        actor=user_of(request),
        unit=unit,
        year=year,
        month=_in_year(year, month),
        values={b.line_id: (Decimal(b.planned), Decimal(b.spent)) for b in payload.lines},
    )
    return {"month": month, "changed": changed}


# --- fund (O12) ------------------------------------------------------------------------------
class FundIn(Schema):
    allocated: Money
    spent: Money
    cases: int = Field(0, ge=0, le=1_000_000, strict=True)  # never true/false as 1/0
    details: CleanText = Field("", max_length=5000)


class FundOut(Schema):
    quarter: str
    allocated: str
    spent: str
    cases: int
    details: str
    updated_at: dt.datetime | None


def _fund_out(quarter: str, row: Any) -> dict[str, Any]:
    if row is None:
        return {
            "quarter": quarter,
            "allocated": "0.00",
            "spent": "0.00",
            "cases": 0,
            "details": "",
            "updated_at": None,
        }
    return {
        "quarter": quarter,
        "allocated": _money(row.allocated),
        "spent": _money(row.spent),
        "cases": row.cases,
        "details": row.details,
        "updated_at": row.updated_at,
    }


@router.get(
    "/units/{slug}/records/{year}/fund/quarters",
    response={200: list[FundOut], **READ_ERRORS},
    summary="The investigation fund's quarters (O12)",
)
def fund_list(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, Any]]:
    unit = unit_for(request, slug).unit
    rows = selectors.fund_quarters(unit, year)
    return [_fund_out(q, rows.get(q)) for q in QUARTERS]


@router.put(
    "/units/{slug}/records/{year}/fund/quarters/{quarter}",
    response={200: FundOut, **WRITE_ERRORS},
    summary="Set a quarter's allocation, spending and cases (an editor's right)",
)
def fund_set(
    request: HttpRequest, slug: Slug, year: Year, quarter: Quarter, payload: FundIn
) -> dict[str, Any]:
    unit = unit_for(request, slug, need=Capability.EDIT).unit
    row = services.fund_quarter_set(
        actor=user_of(request),
        unit=unit,
        year=year,
        quarter=quarter,
        allocated=Decimal(payload.allocated),
        spent=Decimal(payload.spent),
        cases=payload.cases,
        details=payload.details,
    )
    return _fund_out(quarter, row)

"""Procurement records of a unit's year (O12/O13 summaries are built from them), read with their
ids and written through ``prongsai.procurement.services`` (its own checks and audit entries):
the rights of the procurement pages (a viewer reads, an editor or admin writes, with a
read-write token)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from prongsai.organizations.access import Capability
from prongsai.procurement import selectors, services
from prongsai.procurement.models import Category, Method, Procurement, Stage

from ..auth import unit_for, user_of
from ..params import CleanText, Day, Filters, OptionalDay, Slug, Year, page_of
from .common import READ_ERRORS, TOKEN, WRITE_ERRORS
from .entries import Money

router = Router(tags=["procurement"], auth=TOKEN)


def _choice(values: list[str]) -> str:
    return "^(" + "|".join(values) + ")$"


class BidIn(Schema):
    bidder: CleanText = Field(min_length=1, max_length=300)
    amount: Money


class ProcurementIn(Schema):
    month: Day = Field(description="Any day of the month reported (the month is kept)")
    title: CleanText = Field(min_length=1, max_length=500)
    egp_number: CleanText = Field("", max_length=40)
    category: str = Field(Category.GOODS.value, pattern=_choice(Category.values))
    budget_source: CleanText = Field("", max_length=200)
    budget: Money
    reference_price: Money | None = None
    method: str = Field(pattern=_choice(Method.values))
    supplier: CleanText = Field("", max_length=300)
    agreed_price: Money | None = None
    reason: CleanText = Field("", max_length=5000)
    contract_number: CleanText = Field("", max_length=100)
    contract_date: OptionalDay = None
    stage: str = Field(Stage.IN_PROGRESS.value, pattern=_choice(Stage.values))
    plan_announced: OptionalDay = None
    invitation_announced: OptionalDay = None
    result_announced: OptionalDay = None
    notes: CleanText = Field("", max_length=5000)
    bids: list[BidIn] = Field(default_factory=list, max_length=100)


class BidOut(Schema):
    bidder: str
    amount: str


class ProcurementOut(Schema):
    id: uuid.UUID
    month: dt.date
    title: str
    egp_number: str
    category: str
    budget_source: str
    budget: str
    reference_price: str | None
    method: str
    supplier: str
    agreed_price: str | None
    reason: str
    contract_number: str
    contract_date: dt.date | None
    stage: str
    plan_announced: dt.date | None
    invitation_announced: dt.date | None
    result_announced: dt.date | None
    notes: str
    bids: list[BidOut]
    updated_at: dt.datetime


class ProcurementPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[ProcurementOut]


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


_PLAIN = (
    "title", "egp_number", "category", "budget_source", "method", "supplier", "reason",
    "contract_number", "contract_date", "stage", "plan_announced", "invitation_announced",
    "result_announced", "notes", "updated_at",
)  # fmt: skip


def _out(p: Procurement) -> dict[str, Any]:
    return {
        "id": p.pk,
        "month": p.month,
        **{name: getattr(p, name) for name in _PLAIN},
        "budget": _money(p.budget),
        "reference_price": _money(p.reference_price),
        "agreed_price": _money(p.agreed_price),
        "bids": [{"bidder": b.bidder, "amount": _money(b.amount)} for b in p.bids.all()],
    }


def _fields(payload: ProcurementIn) -> dict[str, Any]:
    data = payload.model_dump(exclude={"bids"})
    for name in ("budget", "reference_price", "agreed_price"):
        data[name] = None if data[name] is None else Decimal(data[name])
    return data


def _bids(payload: ProcurementIn) -> list[services.BidLine]:
    return [services.BidLine(bidder=b.bidder, amount=Decimal(b.amount)) for b in payload.bids]


@router.get(
    "/units/{slug}/procurements/{year}",
    response={200: ProcurementPage, **READ_ERRORS},
    summary="The unit's procurements of the year, with their ids and bids",
)
def procurements_list(
    request: HttpRequest, slug: Slug, year: Year, filters: Filters
) -> dict[str, Any]:
    unit = unit_for(request, slug).unit
    rows = selectors.procurements(unit, year)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    page = page_of(rows, filters)
    page["results"] = [_out(p) for p in page["results"]]
    return page


@router.post(
    "/units/{slug}/procurements/{year}",
    response={201: ProcurementOut, **WRITE_ERRORS},
    summary="Record a procurement (an editor's right; read-write token)",
)
def procurement_add(
    request: HttpRequest, slug: Slug, year: Year, payload: ProcurementIn
) -> Status[dict[str, Any]]:
    unit = unit_for(request, slug, need=Capability.EDIT).unit
    made = services.procurement_create(
        actor=user_of(request), unit=unit, year=year, fields=_fields(payload), bids=_bids(payload)
    )
    found = selectors.procurement_of(unit, year, made.pk)
    assert found is not None
    return Status(201, _out(found))


@router.put(
    "/units/{slug}/procurements/{year}/{procurement_id}",
    response={200: ProcurementOut, **WRITE_ERRORS},
    summary="Change a procurement, its bids included (an editor's right; read-write token)",
)
def procurement_change(
    request: HttpRequest,
    slug: Slug,
    year: Year,
    procurement_id: uuid.UUID,
    payload: ProcurementIn,
) -> dict[str, Any]:
    unit = unit_for(request, slug, need=Capability.EDIT).unit
    procurement = selectors.procurement_of(unit, year, procurement_id)
    if procurement is None:
        raise Http404
    services.procurement_update(
        actor=user_of(request),
        procurement=procurement,
        fields=_fields(payload),
        bids=_bids(payload),
    )
    found = selectors.procurement_of(unit, year, procurement_id)
    assert found is not None
    return _out(found)

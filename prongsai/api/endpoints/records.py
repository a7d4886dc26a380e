"""Open-data records of a unit's year (operations, statistics, budget, fund, and the kinds later
apps register, e.g. procurement): each kind's rows with the export's stable field names."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Router, Schema

from prongsai.records.kinds import record_kind, record_kinds

from ..auth import unit_for
from ..params import Slug, Year
from .common import READ_ERRORS, TOKEN

router = Router(tags=["records"], auth=TOKEN)

Kind = Annotated[
    str, Path(pattern=r"^[a-z_]{1,40}$", description="A record kind", example="operations")
]


class RecordKindOut(Schema):
    kind: str
    title: str
    fields: list[str]
    count: int


class RecordsOut(Schema):
    kind: str
    title: str
    fields: list[str]
    rows: list[dict[str, Any]]


@router.get(
    "/units/{slug}/records/{year}",
    response={200: list[RecordKindOut], **READ_ERRORS},
    summary="The record kinds and how many records of each the unit keeps for the year",
)
def records_index(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, Any]]:
    unit = unit_for(request, slug).unit
    return [
        {
            "kind": kind.name,
            "title": str(kind.title),
            "fields": list(kind.fields),
            "count": len(kind.exporter(unit, year)),
        }
        for kind in record_kinds()
    ]


@router.get(
    "/units/{slug}/records/{year}/{kind}",
    response={200: RecordsOut, **READ_ERRORS},
    summary="One kind's records, as records_export writes them",
)
def records_of_kind(request: HttpRequest, slug: Slug, year: Year, kind: Kind) -> dict[str, Any]:
    unit = unit_for(request, slug).unit
    try:
        found = record_kind(kind)
    except KeyError:
        raise Http404 from None
    return {
        "kind": found.name,
        "title": str(found.title),
        "fields": list(found.fields),
        "rows": found.exporter(unit, year),
    }

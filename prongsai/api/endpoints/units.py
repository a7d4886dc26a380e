"""Units: those the token's user may view (as in the UI), the tree below one."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema

from prongsai.organizations.models import Unit
from prongsai.organizations.selectors import units_visible_to

from ..auth import token_of, unit_for
from ..params import SLUG_PATTERN, Filters, Slug, page_of
from .common import READ_ERRORS, TOKEN

router = Router(tags=["units"], auth=TOKEN)


class UnitOut(Schema):
    slug: str
    name_th: str
    name_en: str
    kind: str
    depth: int
    parent: str | None
    path: str
    website: str
    updated_at: dt.datetime


class UnitPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[UnitOut]


def unit_out(unit: Unit) -> dict[str, object]:
    return {
        "slug": unit.slug,
        "name_th": unit.name_th,
        "name_en": unit.name_en,
        "kind": unit.kind,
        "depth": unit.depth,
        "parent": unit.parent.slug if unit.parent else None,
        "path": unit.path,
        "website": unit.website,
        "updated_at": unit.updated_at,
    }


def _visible(request: HttpRequest) -> QuerySet[Unit]:
    token = token_of(request)
    units = units_visible_to(token.user).select_related("parent")
    if token.unit is not None:
        units = units.filter(Q(pk=token.unit.pk) | Q(path__startswith=token.unit.path))
    return units


Under = Annotated[
    str | None, Query(pattern=SLUG_PATTERN, description="Only this unit's subtree (a slug)")
]


@router.get("/units", response={200: UnitPage, **READ_ERRORS}, summary="Units you may view")
def units_list(request: HttpRequest, filters: Filters, under: Under = None) -> dict[str, object]:
    units = _visible(request)
    if under:
        top = Unit.objects.filter(slug=under).first()
        units = units.filter(path__startswith=top.path) if top else units.none()
    if filters.modified_since:
        units = units.filter(updated_at__gt=filters.modified_since)
    page = page_of(units, filters)
    page["results"] = [unit_out(u) for u in page["results"]]
    return page


@router.get("/units/{slug}", response={200: UnitOut, **READ_ERRORS}, summary="One unit")
def unit_detail(request: HttpRequest, slug: Slug) -> dict[str, object]:
    return unit_out(unit_for(request, slug).unit)


@router.get(
    "/units/{slug}/subtree",
    response={200: UnitPage, **READ_ERRORS},
    summary="The unit and every unit below it that you may view, in tree order",
)
def unit_subtree(request: HttpRequest, slug: Slug, filters: Filters) -> dict[str, object]:
    top = unit_for(request, slug).unit
    units = _visible(request).filter(path__startswith=top.path)
    if filters.modified_since:
        units = units.filter(updated_at__gt=filters.modified_since)
    page = page_of(units, filters)
    page["results"] = [unit_out(u) for u in page["results"]]
    return page

"""Frameworks (read by anyone who holds a role anywhere, as ``/frameworks/`` is): items and their
criteria, survey questions, weights, grade bands."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from prongsai.frameworks.models import Framework
from prongsai.frameworks.selectors import frameworks_list
from prongsai.frameworks.spec import FrameworkSpec, Text
from prongsai.organizations.access import is_framework_reader

from ..auth import user_of
from ..params import Filters, page_of
from .common import READ_ERRORS, TOKEN

router = Router(tags=["frameworks"], auth=TOKEN)


class Bilingual(Schema):
    th: str
    en: str


class FrameworkOut(Schema):
    id: uuid.UUID
    code: str
    version: int
    year: int
    variant: str
    status: str
    title: Bilingual
    item_count: int
    updated_at: dt.datetime


class FrameworkPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[FrameworkOut]


class InstrumentOut(Schema):
    id: str
    title: Bilingual
    weight: float


class IndicatorOut(Schema):
    id: str
    instrument: str
    title: Bilingual


class CriterionOut(Schema):
    id: str
    text: Bilingual


class ItemOut(Schema):
    id: str
    stable_id: str
    sub_indicator: str
    title: Bilingual
    criteria: list[CriterionOut]


class SubItemOut(Schema):
    id: str
    text: Bilingual


class QuestionOut(Schema):
    id: str
    instrument: str
    indicator: str
    text: Bilingual
    scale: str
    reverse: bool
    sub_items: list[SubItemOut]


class BandOut(Schema):
    id: str
    label: Bilingual
    min: float
    max: float


class FrameworkDetail(FrameworkOut):
    aggregation: str
    instruments: list[InstrumentOut]
    indicators: list[IndicatorOut]
    items: list[ItemOut]
    questions: list[QuestionOut]
    grades: list[BandOut]
    oit_pass_score: float


def _text(text: Text | None) -> dict[str, str]:
    return {"th": text.th, "en": text.en} if text else {"th": "", "en": ""}


def _summary(framework: Framework, item_count: int) -> dict[str, Any]:
    return {
        "id": framework.pk,
        "code": framework.code,
        "version": framework.version,
        "year": framework.year,
        "variant": framework.variant,
        "status": framework.status,
        "title": {"th": framework.title_th, "en": framework.title_en},
        "item_count": item_count,
        "updated_at": framework.updated_at,
    }


def _readable(request: HttpRequest) -> None:
    if not is_framework_reader(user_of(request)):
        raise Http404


@router.get("/frameworks", response={200: FrameworkPage, **READ_ERRORS}, summary="Every framework")
def frameworks(request: HttpRequest, filters: Filters) -> dict[str, Any]:
    _readable(request)
    found = frameworks_list()
    if filters.modified_since:
        found = found.filter(updated_at__gt=filters.modified_since)
    page = page_of(found, filters)
    page["results"] = [_summary(f, getattr(f, "item_count", 0)) for f in page["results"]]
    return page


def detail_of(framework: Framework) -> dict[str, Any]:
    spec: FrameworkSpec = framework.spec
    return {
        **_summary(framework, len(spec.items)),
        "aggregation": spec.aggregation,
        "instruments": [
            {"id": i.id, "title": _text(i.title), "weight": i.weight} for i in spec.instruments
        ],
        "indicators": [
            {"id": i.id, "instrument": i.instrument, "title": _text(i.title)}
            for i in spec.indicators
        ],
        "items": [
            {
                "id": item.id,
                "stable_id": spec.stable_id(item.id),
                "sub_indicator": item.sub_indicator,
                "title": _text(item.title),
                "criteria": [{"id": c.id, "text": _text(c.text)} for c in item.criteria],
            }
            for item in spec.items
        ],
        "questions": [
            {
                "id": q.id,
                "instrument": q.instrument,
                "indicator": q.indicator,
                "text": _text(q.text),
                "scale": q.scale,
                "reverse": q.reverse,
                "sub_items": [{"id": s.id, "text": _text(s.text)} for s in q.sub_items],
            }
            for q in spec.questions
        ],
        "grades": [
            {"id": b.id, "label": _text(b.label), "min": b.min, "max": b.max} for b in spec.grades
        ],
        "oit_pass_score": spec.oit.pass_score,
    }


@router.get(
    "/frameworks/{framework_id}",
    response={200: FrameworkDetail, **READ_ERRORS},
    summary="One framework: instruments and weights, indicators, items and criteria, questions",
)
def framework_detail(request: HttpRequest, framework_id: uuid.UUID) -> dict[str, Any]:
    _readable(request)
    framework = Framework.objects.filter(pk=framework_id).first()
    if framework is None:
        raise Http404
    return detail_of(framework)

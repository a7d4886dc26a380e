"""The bribery-risk register of an assessment (O19/O20) as the register page shows it to a
unit member: processes, their risk events with likelihood, impact and level on the register's
scheme, the treatments with status and overdue state, and the follow-ups per round with
residual ratings (``risks.selectors.register_view``; read-only)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from prongsai.risks.models import RiskType
from prongsai.risks.selectors import (
    EventView,
    ProcessView,
    TreatmentView,
    register_of,
    register_view,
)

from ..auth import assessment_for, unit_for
from ..params import Filters, Slug, Year, page_of
from .common import READ_ERRORS, TOKEN

router = Router(tags=["risks"], auth=TOKEN)


class LevelOut(Schema):
    score: int
    band: str
    label: str
    colour: str


class FollowUpOut(Schema):
    id: uuid.UUID
    round: int
    date: dt.date
    done: str
    result: str
    status: str
    residual_likelihood: int | None
    residual_impact: int | None
    links: list[str]
    photos: int


class TreatmentOut(Schema):
    id: uuid.UUID
    measure: str
    owner: str
    due_date: dt.date | None
    kpi: str
    status: str
    overdue_since: dt.date | None
    followups: list[FollowUpOut]


class EventOut(Schema):
    id: uuid.UUID
    number: str
    description: str
    cause: str
    risk_type: str
    controls: str
    likelihood: int
    impact: int
    level: LevelOut
    residual_level: LevelOut | None
    treatments: list[TreatmentOut]


class ProcessOut(Schema):
    id: uuid.UUID
    number: int
    name: str
    section: str
    legal_basis: str
    authority_step: str
    updated_at: dt.datetime
    events: list[EventOut]


class RiskPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    scheme: str | None = Field(description="The register's risk criteria (None: no register)")
    as_of: dt.date | None
    results: list[ProcessOut]


class RiskFilters(Schema):
    risk_type: str | None = Field(
        None, pattern="^(" + "|".join(RiskType.values) + ")$", description="Only events of a type"
    )
    level: str | None = Field(
        None, pattern=r"^[-a-z0-9_]{1,30}$", description="Only events of a level (band key)"
    )


def _level(level: Any, lang: str) -> dict[str, Any] | None:
    if level is None:
        return None
    band = level.band
    return {
        "score": level.score,
        "band": band.key,
        "label": band.label(lang),
        "colour": band.colour,
    }


def _treatment(view: TreatmentView) -> dict[str, Any]:
    t = view.treatment
    return {
        "id": t.pk,
        "measure": t.measure,
        "owner": t.owner_label,
        "due_date": t.due_date,
        "kpi": t.kpi,
        "status": view.status or t.status,
        "overdue_since": view.overdue_since,
        "followups": [
            {
                "id": f.pk,
                "round": f.round,
                "date": f.date,
                "done": f.done,
                "result": f.result,
                "status": f.status,
                "residual_likelihood": f.residual_likelihood,
                "residual_impact": f.residual_impact,
                "links": [str(link) for link in f.links or []],
                "photos": len(f.photos.all()),
            }
            for f in view.followups
        ],
    }


def _event(view: EventView, lang: str) -> dict[str, Any]:
    e = view.event
    return {
        "id": e.pk,
        "number": view.number,
        "description": e.description,
        "cause": e.cause,
        "risk_type": e.risk_type,
        "controls": e.controls,
        "likelihood": e.likelihood,
        "impact": e.impact,
        "level": _level(view.level, lang),
        "residual_level": _level(view.residual_level, lang),
        "treatments": [_treatment(t) for t in view.treatments],
    }


def _process(view: ProcessView, events: list[EventView], lang: str) -> dict[str, Any]:
    p = view.process
    return {
        "id": p.pk,
        "number": view.number,
        "name": p.name,
        "section": p.section,
        "legal_basis": p.legal_basis,
        "authority_step": p.authority_step,
        "updated_at": p.updated_at,
        "events": [_event(e, lang) for e in events],
    }


@router.get(
    "/units/{slug}/assessments/{year}/risks",
    response={200: RiskPage, **READ_ERRORS},
    summary="The risk register: processes, events, levels, treatments and follow-ups",
)
def risks(
    request: HttpRequest,
    slug: Slug,
    year: Year,
    filters: Filters,
    only: Annotated[RiskFilters, Query()],
) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    register = register_of(assessment)
    if register is None:
        return {**page_of([], filters), "scheme": None, "as_of": None}
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    view = register_view(register)
    kept: list[dict[str, Any]] = []
    for process in view.processes:
        events = [
            e
            for e in process.events
            if (only.risk_type is None or e.event.risk_type == only.risk_type)
            and (only.level is None or e.level.band.key == only.level)
        ]
        if (only.risk_type or only.level) and not events:
            continue
        if filters.modified_since and process.process.updated_at <= filters.modified_since:
            continue
        kept.append(_process(process, events, lang))
    return {**page_of(kept, filters), "scheme": view.scheme.key, "as_of": view.as_of}

"""The measures plan: rows, their progress, the plan's figures; progress recorded through the
measures services (the same checks as the row page's form)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from prongsai.measures.models import PlanRow
from prongsai.measures.models import Status as RowStatus
from prongsai.measures.selectors import (
    overdue_rows,
    plan_progress_many,
    plan_rows,
    row_in,
    row_updates,
)
from prongsai.measures.services import progress_add
from prongsai.organizations.access import Capability

from ..auth import assessment_for, unit_for, user_of
from ..params import CleanText, Day, Filters, Slug, Year, page_of
from .common import READ_ERRORS, TOKEN, WRITE_ERRORS

router = Router(tags=["measures"], auth=TOKEN)


class PlanRowOut(Schema):
    id: uuid.UUID
    position: int
    indicator: str
    issue: str
    activity: str
    output: str
    channels: list[str]
    period_start: dt.date | None
    period_end: dt.date | None
    period_text: str
    cadence: str
    status: str
    oit_items: list[str]
    last_update: dt.date | None
    update_count: int
    overdue: bool
    updated_at: dt.datetime


class PlanRowPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[PlanRowOut]


class ProgressOut(Schema):
    id: uuid.UUID
    date: dt.date
    text: str
    status: str
    links: list[str]
    photos: int
    created_at: dt.datetime


class PlanRowDetail(PlanRowOut):
    result_note: str
    updates: list[ProgressOut]


class PlanSummaryOut(Schema):
    rows: int
    done: int
    overdue: int


class ProgressIn(Schema):
    date: Day
    text: CleanText = Field(min_length=1, max_length=5000)
    status: str = Field(pattern="^(" + "|".join(RowStatus.values) + ")$")
    links: list[Annotated[CleanText, Field(max_length=2000)]] = Field(
        default_factory=list, max_length=20
    )
    idempotency_key: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9._:-]+$",
        description="Any unique string: a retry with the same key stores nothing twice",
    )


def _row_out(row: PlanRow, overdue: set[Any]) -> dict[str, Any]:
    return {
        "id": row.pk,
        "position": row.position,
        "indicator": row.indicator,
        "issue": row.issue,
        "activity": row.activity,
        "output": row.output,
        "channels": list(row.channels or []),
        "period_start": row.period_start,
        "period_end": row.period_end,
        "period_text": row.period_text,
        "cadence": row.cadence,
        "status": row.status,
        "oit_items": list(row.oit_items or []),
        "last_update": getattr(row, "last_update", None),
        "update_count": getattr(row, "update_count", 0),
        "overdue": row.pk in overdue,
        "updated_at": row.updated_at,
    }


def _progress_out(update: Any) -> dict[str, Any]:
    return {
        "id": update.pk,
        "date": update.date,
        "text": update.text,
        "status": update.status,
        "links": list(update.links or []),
        "photos": len(update.photos.all()),
        "created_at": update.created_at,
    }


@router.get(
    "/units/{slug}/assessments/{year}/plan",
    response={200: PlanSummaryOut, **READ_ERRORS},
    summary="The plan's figures: rows, rows done, rows overdue",
)
def plan_summary(request: HttpRequest, slug: Slug, year: Year) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    figures = plan_progress_many([assessment.pk]).get(assessment.pk)
    if figures is None:
        return {"rows": 0, "done": 0, "overdue": 0}
    return {"rows": figures.rows, "done": figures.done, "overdue": figures.overdue}


@router.get(
    "/units/{slug}/assessments/{year}/plan-rows",
    response={200: PlanRowPage, **READ_ERRORS},
    summary="The plan's rows in order",
)
def plan_rows_list(
    request: HttpRequest, slug: Slug, year: Year, filters: Filters
) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    rows = plan_rows(assessment)
    if filters.modified_since:
        rows = rows.filter(updated_at__gt=filters.modified_since)
    overdue = {o.row.pk for o in overdue_rows(assessment)}
    page = page_of(rows, filters)
    page["results"] = [_row_out(r, overdue) for r in page["results"]]
    return page


def _row_detail(assessment: Any, row_id: uuid.UUID) -> dict[str, Any]:
    row = row_in(assessment, row_id)
    annotated = plan_rows(assessment).get(pk=row.pk)
    overdue = {o.row.pk for o in overdue_rows(assessment)}
    return {
        **_row_out(annotated, overdue),
        "result_note": row.result_note,
        "updates": [_progress_out(u) for u in row_updates(row)],
    }


@router.get(
    "/units/{slug}/assessments/{year}/plan-rows/{row_id}",
    response={200: PlanRowDetail, **READ_ERRORS},
    summary="One plan row with its progress updates, newest first",
)
def plan_row(request: HttpRequest, slug: Slug, year: Year, row_id: uuid.UUID) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    return _row_detail(assessment, row_id)


@router.post(
    "/units/{slug}/assessments/{year}/plan-rows/{row_id}/progress",
    response={201: ProgressOut, **WRITE_ERRORS},
    summary="Record progress on a row (an editor's or admin's right; read-write token)",
)
def plan_progress_add(
    request: HttpRequest, slug: Slug, year: Year, row_id: uuid.UUID, payload: ProgressIn
) -> Status[dict[str, Any]]:
    access = unit_for(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access, year)
    row = row_in(assessment, row_id)
    update = progress_add(
        actor=user_of(request),
        row=row,
        date=payload.date,
        text=payload.text,
        status=payload.status,
        links=payload.links,
        idempotency_key=payload.idempotency_key,
    )
    return Status(201, _progress_out(update))

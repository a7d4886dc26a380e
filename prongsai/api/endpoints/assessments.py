"""A unit's assessments, their scores (current and history) and survey progress (counts and
targets only: never an answer)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from prongsai.assessments.models import Assessment
from prongsai.scoring.models import ScoreSnapshot
from prongsai.scoring.selectors import score_now
from prongsai.surveys.selectors import campaigns_of, survey_progress_many

from ..auth import assessment_for, unit_for
from ..params import Filters, Slug, Year, page_of
from .common import READ_ERRORS, TOKEN

router = Router(tags=["assessments"], auth=TOKEN)


class AssessmentOut(Schema):
    unit: str
    year: int
    status: str
    framework_id: uuid.UUID
    framework_code: str
    headcount_internal: int | None
    headcount_external: int | None
    updated_at: dt.datetime


class AssessmentPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[AssessmentOut]


class ScoreOut(Schema):
    unit: str
    year: int
    computed_at: dt.datetime
    stored: bool
    total: float | None
    grade: str
    rating: str
    result: dict[str, Any]


class SnapshotOut(Schema):
    inputs_version: int
    computed_at: dt.datetime
    total: float | None
    grade: str
    rating: str
    released: bool


class SnapshotPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[SnapshotOut]


class SurveyOut(Schema):
    instrument: str
    state: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    count: int
    target: int | None


def assessment_out(assessment: Assessment) -> dict[str, Any]:
    return {
        "unit": assessment.unit.slug,
        "year": assessment.year,
        "status": assessment.status,
        "framework_id": assessment.framework_id,
        "framework_code": assessment.framework.code,
        "headcount_internal": assessment.headcount_internal,
        "headcount_external": assessment.headcount_external,
        "updated_at": assessment.updated_at,
    }


YearFilter = Annotated[int | None, Query(ge=2400, le=2800, description="Only this fiscal year")]


@router.get(
    "/units/{slug}/assessments",
    response={200: AssessmentPage, **READ_ERRORS},
    summary="The unit's assessments, newest year first",
)
def assessments(
    request: HttpRequest, slug: Slug, filters: Filters, year: YearFilter = None
) -> dict[str, Any]:
    access = unit_for(request, slug)
    found = Assessment.objects.filter(unit=access.unit).select_related("unit", "framework")
    if year is not None:
        found = found.filter(year=year)
    if filters.modified_since:
        found = found.filter(updated_at__gt=filters.modified_since)
    page = page_of(found.order_by("-year"), filters)
    page["results"] = [assessment_out(a) for a in page["results"]]
    return page


@router.get(
    "/units/{slug}/assessments/{year}",
    response={200: AssessmentOut, **READ_ERRORS},
    summary="One assessment",
)
def assessment_detail(request: HttpRequest, slug: Slug, year: Year) -> dict[str, Any]:
    return assessment_out(assessment_for(unit_for(request, slug), year))


@router.get(
    "/units/{slug}/assessments/{year}/score",
    response={200: ScoreOut, **READ_ERRORS},
    summary="The score of the current inputs (the stored snapshot, or computed in memory)",
)
def score(request: HttpRequest, slug: Slug, year: Year) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    current = score_now(assessment)
    result = current.result
    return {
        "unit": slug,
        "year": year,
        "computed_at": current.computed_at,
        "stored": current.stored,
        "total": result.get("total"),
        "grade": result.get("grade") or "",
        "rating": result.get("rating") or "",
        "result": result,
    }


@router.get(
    "/units/{slug}/assessments/{year}/score/history",
    response={200: SnapshotPage, **READ_ERRORS},
    summary="Stored score snapshots, newest first (the latest of each day and every release)",
)
def score_history(request: HttpRequest, slug: Slug, year: Year, filters: Filters) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    snapshots = ScoreSnapshot.objects.filter(assessment=assessment).only(
        "inputs_version", "computed_at", "total", "grade", "rating", "released"
    )
    if filters.modified_since:
        snapshots = snapshots.filter(computed_at__gt=filters.modified_since)
    page = page_of(snapshots.order_by("-inputs_version"), filters)
    page["results"] = [
        {
            "inputs_version": s.inputs_version,
            "computed_at": s.computed_at,
            "total": s.total,
            "grade": s.grade,
            "rating": s.rating,
            "released": s.released,
        }
        for s in page["results"]
    ]
    return page


@router.get(
    "/units/{slug}/assessments/{year}/surveys",
    response={200: list[SurveyOut], **READ_ERRORS},
    summary="IIT and EIT progress: count (sheets waiting in the ballot box included) / target",
)
def surveys(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, Any]]:
    assessment = assessment_for(unit_for(request, slug), year)
    progress = survey_progress_many([assessment]).get(assessment.pk, {})
    out = []
    for instrument, campaign in sorted(campaigns_of(assessment).items()):
        figures = progress.get(instrument)
        out.append(
            {
                "instrument": instrument,
                "state": str(campaign.state),
                "opens_on": campaign.opens_on,
                "closes_on": campaign.closes_on,
                "count": figures.count if figures else 0,
                "target": figures.target if figures else None,
            }
        )
    return out

"""Reads that turn a snapshot into what pages show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.frameworks.spec import FrameworkSpec, Text

from .calculator import score
from .inputs import scoring_input_as_of, scoring_input_for
from .models import ScoreSnapshot


@dataclass(frozen=True)
class CurrentScore:
    """The score of the assessment's current inputs, for a page."""

    result: dict[str, Any]
    computed_at: dt.datetime
    stored: bool  # False: computed for this page; its snapshot is still being made by the task


def score_now(assessment: Assessment) -> CurrentScore:
    """The stored snapshot when it is up to date, else the same score computed in memory.

    Never writes (pages are GET requests): snapshots are made by ``tasks.refresh_snapshot``.
    """
    version = (
        Assessment.objects.filter(pk=assessment.pk).values_list("inputs_version", flat=True).get()
    )
    snapshot = (
        ScoreSnapshot.objects.filter(assessment=assessment, inputs_version=version)
        .only("result", "computed_at")
        .first()
    )
    if snapshot is not None:
        return CurrentScore(result=snapshot.result, computed_at=snapshot.computed_at, stored=True)
    result = score(assessment.framework.spec, scoring_input_for(assessment)).to_json()
    return CurrentScore(result=result, computed_at=timezone.now(), stored=False)


def score_as_of(assessment: Assessment, day: dt.date) -> dict[str, Any]:
    """The score as it stood at the end of ``day`` (a report round's cut-off): survey answers
    submitted up to then; OIT results and headcounts as now. Computed, never stored."""
    return score(assessment.framework.spec, scoring_input_as_of(assessment, day)).to_json()


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    instrument: str
    title: Text
    score: float | None


@dataclass(frozen=True)
class OpportunityRow:
    kind: str
    id: str
    title: Text
    instrument: str
    indicator: str
    current: float | None
    points: float


def indicator_rows(spec: FrameworkSpec, result: dict[str, Any]) -> list[IndicatorRow]:
    return [
        IndicatorRow(i.id, i.instrument, i.title, result["indicators"].get(i.id))
        for i in spec.indicators
    ]


def opportunity_rows(
    spec: FrameworkSpec, result: dict[str, Any], limit: int = 12
) -> list[OpportunityRow]:
    rows = []
    for o in result.get("opportunities", [])[:limit]:
        if o["kind"] == "item":
            title = spec.item_by_id[o["id"]].title
        elif o["kind"] == "indicator":
            title = spec.indicator_by_id[o["id"]].title
        else:
            title = spec.question_by_id[o["id"]].text
        rows.append(
            OpportunityRow(
                o["kind"],
                o["id"],
                title,
                o["instrument"],
                o["indicator"],
                o["current"],
                o["points"],
            )
        )
    return rows

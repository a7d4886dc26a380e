"""Rescore many assessments at once (a parent organisation, or the whole country).

Reads the stored inputs in a few set-based queries per chunk of assessments (survey tallies,
OIT review results), runs the pure calculator and stores one snapshot per assessment. Used by
``manage.py ita_rescore`` and the national-scale benchmark.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.disclosures.selectors import oit_scoring_inputs_many
from prongsai.surveys.models import AnswerTally, RespondentTally

from .calculator import ItemReview, ScoringInput, SurveyTally, score
from .models import ScoreSnapshot


@dataclass
class RescoreStats:
    assessments: int = 0
    read_seconds: float = 0.0
    score_seconds: float = 0.0
    write_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.score_seconds + self.write_seconds


def _chunks(ids: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def survey_tallies_many(assessment_ids: Iterable[Any]) -> dict[Any, dict[str, SurveyTally]]:
    ids = list(assessment_ids)
    respondents: dict[Any, dict[str, int]] = defaultdict(dict)
    for assessment_id, instrument, count in RespondentTally.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "instrument", "count"):
        respondents[assessment_id][instrument] = count
    counts: dict[Any, dict[str, dict[str, dict[int, int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(dict))
    )
    rows = AnswerTally.objects.filter(assessment_id__in=ids, count__gt=0).values_list(
        "assessment_id", "instrument", "key", "level", "count"
    )
    for assessment_id, instrument, key, level, count in rows.iterator(chunk_size=20_000):
        counts[assessment_id][instrument][key][level] = count
    out: dict[Any, dict[str, SurveyTally]] = {}
    for assessment_id in ids:
        by_instrument = counts.get(assessment_id, {})
        names = set(by_instrument) | set(respondents.get(assessment_id, {}))
        out[assessment_id] = {
            name: SurveyTally(
                respondents=respondents.get(assessment_id, {}).get(name, 0),
                counts=dict(by_instrument.get(name, {})),
            )
            for name in names
        }
    return out


def rescore_all(
    *, assessment_ids: Sequence[Any] | None = None, chunk_size: int = 1000
) -> RescoreStats:
    """Recompute and store the snapshot of every assessment (or of those given)."""
    query = Assessment.objects.select_related("framework").order_by("pk")
    if assessment_ids is not None:
        query = query.filter(pk__in=list(assessment_ids))
    ids = list(query.values_list("pk", flat=True))
    stats = RescoreStats()
    for chunk in _chunks(ids, chunk_size):
        started = time.perf_counter()
        assessments = list(Assessment.objects.filter(pk__in=chunk).select_related("framework"))
        surveys = survey_tallies_many(chunk)
        oit = oit_scoring_inputs_many(chunk)
        read = time.perf_counter()
        snapshots = []
        for assessment in assessments:
            reviews, with_data = oit.get(assessment.pk, ({}, set()))
            data = ScoringInput(
                surveys=surveys.get(assessment.pk, {}),
                reviews={
                    code: ItemReview(
                        criteria=dict(r.get("criteria", {})), decision=r.get("decision")
                    )
                    for code, r in reviews.items()
                },
                headcounts={
                    "IIT": assessment.headcount_internal,
                    "EIT": assessment.headcount_external,
                },
                items_with_data=frozenset(with_data),
            )
            result = score(assessment.framework.spec, data).to_json()
            snapshots.append(
                ScoreSnapshot(
                    assessment=assessment,
                    inputs_version=assessment.inputs_version,
                    total=result["total"],
                    grade=result["grade"] or "",
                    rating=result["rating_id"] or "",
                    result=result,
                )
            )
        computed = time.perf_counter()
        ScoreSnapshot.objects.bulk_create(
            snapshots,
            update_conflicts=True,
            unique_fields=["assessment", "inputs_version"],
            update_fields=["total", "grade", "rating", "result", "computed_at"],
            batch_size=500,
        )
        stats.read_seconds += read - started
        stats.score_seconds += computed - read
        stats.write_seconds += time.perf_counter() - computed
        stats.assessments += len(assessments)
    return stats

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
from prongsai.core.bulk_reads import id_lookup, id_text, raw_rows
from prongsai.disclosures.selectors import oit_scoring_inputs_many
from prongsai.frameworks.models import Framework
from prongsai.frameworks.spec import FrameworkSpec
from prongsai.surveys.models import AnswerTally, RespondentTally
from prongsai.surveys.selectors import survey_target_overrides

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
    lookup = id_lookup(ids)
    respondents: dict[Any, dict[str, int]] = defaultdict(dict)
    for assessment_id, instrument, count in RespondentTally.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "instrument", "count"):
        respondents[assessment_id][instrument] = count
    counts: dict[Any, dict[str, dict[str, dict[int, int]]]] = {}
    rows = (
        AnswerTally.objects.filter(assessment_id__in=ids, count__gt=0)
        .annotate(aid=id_text("assessment_id"))
        .values_list("aid", "instrument", "key", "level", "count")
        .order_by()
    )
    last_id: Any = None
    by_instrument: dict[str, dict[str, dict[int, int]]] = {}
    for aid, instrument, key, level, count in raw_rows(rows):
        if aid != last_id:
            last_id = aid
            by_instrument = counts.setdefault(lookup[aid], {})
        levels = by_instrument.setdefault(instrument, {}).setdefault(key, {})
        levels[level] = count
    out: dict[Any, dict[str, SurveyTally]] = {}
    for assessment_id in ids:
        by_name = counts.get(assessment_id, {})
        names = set(by_name) | set(respondents.get(assessment_id, {}))
        out[assessment_id] = {
            name: SurveyTally(
                respondents=respondents.get(assessment_id, {}).get(name, 0),
                counts=by_name.get(name, {}),
            )
            for name in names
        }
    return out


def rescore_all(
    *, assessment_ids: Sequence[Any] | None = None, chunk_size: int = 1000
) -> RescoreStats:
    """Recompute and store the snapshot of every assessment (or of those given)."""
    query = Assessment.objects.order_by("pk")
    if assessment_ids is not None:
        query = query.filter(pk__in=list(assessment_ids))
    ids = list(query.values_list("pk", flat=True))
    # Frameworks once (their definitions are large), not joined to every assessment row.
    specs: dict[Any, FrameworkSpec] = {}
    stats = RescoreStats()
    for chunk in _chunks(ids, chunk_size):
        started = time.perf_counter()
        assessments = list(
            Assessment.objects.filter(pk__in=chunk).values_list(
                "pk", "framework_id", "inputs_version", "headcount_internal", "headcount_external"
            )
        )
        missing = {row[1] for row in assessments} - set(specs)
        for framework in Framework.objects.filter(pk__in=missing):
            specs[framework.pk] = framework.spec
        surveys = survey_tallies_many(chunk)
        oit = oit_scoring_inputs_many(chunk)
        overrides = survey_target_overrides(chunk)
        read = time.perf_counter()
        snapshots = []
        for pk, framework_id, inputs_version, internal, external in assessments:
            reviews, with_data = oit.get(pk, ({}, set()))
            data = ScoringInput(
                surveys=surveys.get(pk, {}),
                reviews={
                    code: ItemReview(
                        criteria=dict(r.get("criteria", {})), decision=r.get("decision")
                    )
                    for code, r in reviews.items()
                },
                headcounts={"IIT": internal, "EIT": external},
                items_with_data=frozenset(with_data),
                target_overrides=overrides.get(pk, {}),
            )
            result = score(specs[framework_id], data).to_json()
            snapshots.append(
                ScoreSnapshot(
                    assessment_id=pk,
                    inputs_version=inputs_version,
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

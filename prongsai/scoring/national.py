"""Rescore many assessments at once (a parent organisation, or the whole country).

Reads the stored inputs in a few set-based queries per chunk of assessments (survey tallies,
OIT review results), runs the pure calculator, stores one snapshot per assessment and prunes
the ones the history does not need. Used by
``manage.py ita_rescore`` and the national-scale benchmark.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.frameworks.models import Framework
from prongsai.frameworks.spec import FrameworkSpec

from .calculator import score
from .inputs import scoring_inputs_many
from .models import ScoreSnapshot
from .services import snapshots_prune


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
        inputs = scoring_inputs_many(
            {pk: (internal, external) for pk, _f, _v, internal, external in assessments}
        )
        read = time.perf_counter()
        snapshots = []
        for pk, framework_id, inputs_version, _internal, _external in assessments:
            result = score(specs[framework_id], inputs[pk]).to_json()
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
        snapshots_prune(assessment_ids=[row[0] for row in assessments])
        stats.read_seconds += read - started
        stats.score_seconds += computed - read
        stats.write_seconds += time.perf_counter() - computed
        stats.assessments += len(assessments)
    return stats

"""Compute and persist score snapshots."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from prongsai.assessments.models import Assessment

from .calculator import score
from .inputs import scoring_input_for
from .models import ScoreSnapshot


def snapshot_current(assessment: Assessment) -> ScoreSnapshot:
    """The snapshot for the assessment's current inputs, computing it when they changed."""
    version = (
        Assessment.objects.filter(pk=assessment.pk).values_list("inputs_version", flat=True).get()
    )
    snapshot = ScoreSnapshot.objects.filter(assessment=assessment, inputs_version=version).first()
    if snapshot is not None:
        return snapshot
    return snapshot_refresh(assessment, inputs_version=version)


def snapshot_refresh(assessment: Assessment, *, inputs_version: int | None = None) -> ScoreSnapshot:
    if inputs_version is None:
        inputs_version = (
            Assessment.objects.filter(pk=assessment.pk)
            .values_list("inputs_version", flat=True)
            .get()
        )
    result = score(assessment.framework.spec, scoring_input_for(assessment)).to_json()
    fields: dict[str, Any] = {
        "total": result["total"],
        "grade": result["grade"] or "",
        "rating": result["rating_id"] or "",
        "result": result,
    }
    try:
        with transaction.atomic():
            snapshot, _ = ScoreSnapshot.objects.update_or_create(
                assessment=assessment, inputs_version=inputs_version, defaults=fields
            )
    except IntegrityError:  # computed concurrently by another request: same inputs, same result
        snapshot = ScoreSnapshot.objects.get(assessment=assessment, inputs_version=inputs_version)
    return snapshot

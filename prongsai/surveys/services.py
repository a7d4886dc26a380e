"""Writes for surveys."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import F

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_touch_inputs

from .models import AnswerTally, RespondentTally


def tally_add(
    *, assessment: Assessment, instrument: str, answers: Mapping[str, int], respondents: int = 1
) -> None:
    """Count one respondent's answers (answer key → level value) in the scoring counters.

    Must run inside the transaction that stores the response, so counts and responses agree.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("tally_add() must run inside the response's transaction")
    updated = RespondentTally.objects.filter(assessment=assessment, instrument=instrument).update(
        count=F("count") + respondents
    )
    if not updated:
        RespondentTally.objects.create(
            assessment=assessment, instrument=instrument, count=respondents
        )
    for key, level in answers.items():
        updated = AnswerTally.objects.filter(
            assessment=assessment, instrument=instrument, key=key, level=level
        ).update(count=F("count") + 1)
        if not updated:
            AnswerTally.objects.create(
                assessment=assessment, instrument=instrument, key=key, level=level, count=1
            )
    assessment_touch_inputs(assessment_id=assessment.pk)

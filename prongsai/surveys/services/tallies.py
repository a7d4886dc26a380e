"""The scoring counters: how many answers each level of each answer key received.

Rows for every answer key × scale level are created (at zero) when a campaign is set up, so a
submission only UPDATEs existing rows: no insert race between concurrent submissions, and one
statement per submission whatever the number of questions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_touch_inputs
from prongsai.core.audit import audit_record
from prongsai.core.statements import increment
from prongsai.frameworks.spec import FrameworkSpec

from ..answers import layout_for
from ..models import AnswerTally, RespondentTally
from ..selectors import tally_drift


def _require_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name}() must run inside the response's transaction")


def tally_prepare(*, assessment_id: Any, spec: FrameworkSpec, instrument: str) -> None:
    """Create the zero counters of every answer key × scale level (idempotent)."""
    layout = layout_for(spec, instrument)
    RespondentTally.objects.bulk_create(
        [RespondentTally(assessment_id=assessment_id, instrument=instrument, count=0)],
        ignore_conflicts=True,
    )
    rows = [
        AnswerTally(
            assessment_id=assessment_id, instrument=instrument, key=key, level=level.value, count=0
        )
        for key, question in layout.question_of_key.items()
        for level in layout.scale(question).levels
    ]
    AnswerTally.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


# One statement per submission, however many questions: the pairs are OR-ed placeholders
# (the SQL text is built from constant fragments only; every value is a parameter).
_INCREMENT_HEAD = (
    'UPDATE surveys_answertally SET "count" = "count" + %s '
    "WHERE assessment_id = %s AND instrument = %s AND ("
)
_INCREMENT_PAIR = '("key" = %s AND "level" = %s)'
assert AnswerTally._meta.db_table == "surveys_answertally"


def _increment_pairs(
    assessment_id: Any, instrument: str, pairs: list[tuple[str, int]], by: int
) -> None:
    assessment_param = AnswerTally._meta.get_field("assessment").get_db_prep_value(
        assessment_id, connection
    )
    sql = _INCREMENT_HEAD + " OR ".join([_INCREMENT_PAIR] * len(pairs)) + ")"
    params: list[Any] = [by, assessment_param, instrument]
    for key, level in pairs:
        params += [key, level]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        updated = cursor.rowcount
    if updated == len(pairs):
        return
    # A counter that was not prepared (e.g. a level added to the framework later): create it at
    # zero (ignoring concurrent creators), then count. Rare, and still race-free.
    base = AnswerTally.objects.filter(assessment_id=assessment_id, instrument=instrument)
    condition = Q()
    for key, level in pairs:
        condition |= Q(key=key, level=level)
    existing = set(base.filter(condition).values_list("key", "level"))
    missing = [pair for pair in pairs if pair not in existing]
    AnswerTally.objects.bulk_create(
        [
            AnswerTally(
                assessment_id=assessment_id, instrument=instrument, key=k, level=lv, count=0
            )
            for k, lv in missing
        ],
        ignore_conflicts=True,
    )
    condition = Q()
    for key, level in missing:
        condition |= Q(key=key, level=level)
    base.filter(condition).update(count=F("count") + by)


def tally_apply(
    *,
    assessment_id: Any,
    instrument: str,
    counts: Mapping[tuple[str, int], int],
    respondents: int,
) -> None:
    """Add ``respondents`` people and their answer counts ((key, level) → n) to the counters.

    Must run inside the transaction that stores the responses, so counts and rows agree. The
    respondent counter is updated first: it serialises concurrent submissions for the same
    assessment before they touch the answer rows (no lock-order deadlocks on PostgreSQL).
    """
    _require_transaction("tally_apply")
    updated = increment(
        RespondentTally, "count", respondents, assessment=assessment_id, instrument=instrument
    )
    if not updated:
        RespondentTally.objects.bulk_create(
            [RespondentTally(assessment_id=assessment_id, instrument=instrument, count=0)],
            ignore_conflicts=True,
        )
        RespondentTally.objects.filter(assessment_id=assessment_id, instrument=instrument).update(
            count=F("count") + respondents
        )
    by_increment: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for pair, n in counts.items():
        if n:
            by_increment[n].append(pair)
    for step, pairs in sorted(by_increment.items()):
        for start in range(0, len(pairs), 200):
            _increment_pairs(assessment_id, instrument, pairs[start : start + 200], step)
    assessment_touch_inputs(assessment_id=assessment_id)


def count_answers(sheets: Iterable[Mapping[str, int]]) -> Counter[tuple[str, int]]:
    counts: Counter[tuple[str, int]] = Counter()
    for sheet in sheets:
        counts.update(sheet.items())
    return counts


def tally_add(
    *, assessment: Assessment, instrument: str, answers: Mapping[str, int], respondents: int = 1
) -> None:
    """Count one respondent's answers (answer key → level value) in the scoring counters.

    Must run inside the transaction that stores the response, so counts and responses agree.
    """
    _require_transaction("tally_add")
    tally_apply(
        assessment_id=assessment.pk,
        instrument=instrument,
        counts={(key, int(level)): 1 for key, level in answers.items()},
        respondents=respondents,
    )


@transaction.atomic
def tallies_rebuild(*, actor: Any, assessment: Assessment, instrument: str) -> dict[str, int]:
    """Recount the counters from the stored responses (repair after a manual change).

    Returns ``{"respondents": before, "recounted": after}``; audited when anything changed.
    """
    # Lock the counters against concurrent submissions while recounting.
    list(
        RespondentTally.objects.select_for_update().filter(
            assessment=assessment, instrument=instrument
        )
    )
    drift = tally_drift(assessment, instrument)
    if drift.changed:
        AnswerTally.objects.filter(assessment=assessment, instrument=instrument).update(count=0)
        RespondentTally.objects.filter(assessment=assessment, instrument=instrument).update(count=0)
        tally_apply(
            assessment_id=assessment.pk,
            instrument=instrument,
            counts=drift.counts,
            respondents=drift.rows,
        )
        audit_record(
            actor=actor,
            action="survey.tallies_rebuild",
            obj=assessment,
            unit_id=assessment.unit_id,
            changes={"instrument": instrument, "respondents": [drift.counted, drift.rows]},
        )
    return {"respondents": drift.counted, "recounted": drift.rows}

"""The scoring counters: how many answers each level of each answer key received.

Rows for every answer key × scale level are created (at zero, shard 0) when a campaign is set
up. A submission upserts its counts into one shard (``tally_shard``: random on PostgreSQL) —
two statements whatever the number of questions; a counter's value is the sum of its shards.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_inputs_changed, assessment_touch_statement
from prongsai.core.audit import audit_record
from prongsai.core.statements import Outcome, Statement, execute_all
from prongsai.frameworks.spec import FrameworkSpec

from ..answers import layout_for, question_patterns
from ..models import AnswerTally, PartialTally, RespondentTally
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


# One statement per submission, however many questions: a multi-row upsert into one shard (the
# SQL text is built from constant fragments only; every value is a parameter).
_ANSWER_HEAD = (
    'INSERT INTO surveys_answertally (assessment_id, instrument, "key", "level", shard, "count") '
    "VALUES "
)
_ANSWER_ROW = "(%s, %s, %s, %s, %s, %s)"
_ANSWER_TAIL = (
    ' ON CONFLICT (assessment_id, instrument, "key", "level", shard) DO UPDATE SET '
    '"count" = surveys_answertally."count" + excluded."count"'
)
_RESPONDENT_UPSERT = (
    'INSERT INTO surveys_respondenttally (assessment_id, instrument, shard, "count") '
    "VALUES (%s, %s, %s, %s) ON CONFLICT (assessment_id, instrument, shard) DO UPDATE SET "
    '"count" = surveys_respondenttally."count" + excluded."count"'
)
assert AnswerTally._meta.db_table == "surveys_answertally"
assert RespondentTally._meta.db_table == "surveys_respondenttally"

# Web submissions on PostgreSQL count into one of this many rows per counter, chosen at random:
# an increment holds its row's lock until its commit has reached the disk, so with one row per
# counter every submission to an assessment waited for the previous one's flush; spread over
# shards, concurrent submissions rarely meet and their commits share a flush. Readers add the
# shards up (at most this many rows per counter). SQLite has one writer at a time: one shard.
TALLY_SHARDS = 8


def tally_shard() -> int:
    """The shard a web submission counts into: random on PostgreSQL, 0 elsewhere."""
    if connection.vendor != "postgresql":
        return 0
    return random.randrange(TALLY_SHARDS)  # noqa: S311 (spreading load, not a secret)


def _assessment_param(assessment_id: Any) -> Any:
    return AnswerTally._meta.get_field("assessment").get_db_prep_value(assessment_id, connection)


def _answers_statement(
    assessment_param: Any, instrument: str, items: list[tuple[tuple[str, int], int]], shard: int
) -> Statement:
    sql = _ANSWER_HEAD + ", ".join([_ANSWER_ROW] * len(items)) + _ANSWER_TAIL
    params: list[Any] = []
    for (key, level), n in items:
        params += [assessment_param, instrument, key, level, shard, n]
    return sql, params


@dataclass(frozen=True)
class TallyChange:
    """The counter updates of some answers, as statements built before the transaction (a
    submission holds the database's write lock only while they run)."""

    assessment_id: Any
    instrument: str
    respondents: int
    respondent_statement: Statement
    answer_statements: list[Statement]
    # (question, pattern) → n: respondents who left some of a question's sub-items blank
    patterns: Mapping[tuple[str, str], int] = field(default_factory=dict)


def tally_change(
    *,
    assessment_id: Any,
    instrument: str,
    counts: Mapping[tuple[str, int], int],
    respondents: int,
    patterns: Mapping[tuple[str, str], int] | None = None,
    shard: int = 0,
) -> TallyChange:
    """Build the upserts adding ``respondents`` people and their answer counts
    ((key, level) → n) to the counters' ``shard``; :func:`tally_commit` runs them."""
    assessment_param = _assessment_param(assessment_id)
    # Sorted: concurrent writers of one shard lock its rows in the same order (no deadlocks).
    items = sorted((pair, n) for pair, n in counts.items() if n)
    answer_statements = [
        _answers_statement(assessment_param, instrument, items[start : start + 200], shard)
        for start in range(0, len(items), 200)
    ]
    return TallyChange(
        assessment_id=assessment_id,
        instrument=instrument,
        respondents=respondents,
        respondent_statement=(
            _RESPONDENT_UPSERT,
            [assessment_param, instrument, shard, respondents],
        ),
        answer_statements=answer_statements,
        patterns=dict(patterns or {}),
    )


def tally_statements(change: TallyChange, *, touch: bool = True) -> list[Statement]:
    """The upserts of a :class:`TallyChange`, in their order: the respondent counter first (it
    serialises concurrent submissions to the same shard before they touch the answer rows: no
    lock-order deadlocks on PostgreSQL), the answer counters, then (``touch``) the assessment's
    inputs version. Run them in the transaction that stores the responses, then
    :func:`tally_settle`. ``touch=False``: the caller bumps the version itself
    (``assessment_touch_on_commit``)."""
    return [
        change.respondent_statement,
        *change.answer_statements,
        *([assessment_touch_statement(assessment_id=change.assessment_id)] if touch else []),
    ]


def tally_settle(change: TallyChange, outcomes: Sequence[Outcome] = ()) -> None:
    """After :func:`tally_statements` ran: the partly answered patterns (rare), and the
    ``inputs_changed`` signal (a snapshot is asked for in the same transaction)."""
    if change.patterns:  # only partly answering respondents: rare
        _add_patterns(change.assessment_id, change.instrument, change.patterns)
    assessment_inputs_changed(assessment_id=change.assessment_id)


def tally_commit(change: TallyChange) -> None:
    """Run a :class:`TallyChange` inside the transaction that stores the responses, so counts
    and rows agree."""
    _require_transaction("tally_apply")
    tally_settle(change, execute_all(tally_statements(change)))


# Partly answered questions: one upsert (rows exist only for such respondents).
_PATTERN_HEAD = (
    'INSERT INTO surveys_partialtally (assessment_id, instrument, question, pattern, "count") '
    "VALUES "
)
_PATTERN_ROW = "(%s, %s, %s, %s, %s)"
_PATTERN_TAIL = (
    " ON CONFLICT (assessment_id, instrument, question, pattern) DO UPDATE SET "
    '"count" = surveys_partialtally."count" + excluded."count"'
)
assert PartialTally._meta.db_table == "surveys_partialtally"


def _add_patterns(
    assessment_id: Any, instrument: str, patterns: Mapping[tuple[str, str], int]
) -> None:
    items = sorted((pair, n) for pair, n in patterns.items() if n)
    assessment_param = PartialTally._meta.get_field("assessment").get_db_prep_value(
        assessment_id, connection
    )
    for start in range(0, len(items), 200):
        chunk = items[start : start + 200]
        sql = _PATTERN_HEAD + ", ".join([_PATTERN_ROW] * len(chunk)) + _PATTERN_TAIL
        params: list[Any] = []
        for (question, pattern), n in chunk:
            params += [assessment_param, instrument, question, pattern, n]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def tally_apply(
    *,
    assessment_id: Any,
    instrument: str,
    counts: Mapping[tuple[str, int], int],
    respondents: int,
    patterns: Mapping[tuple[str, str], int] | None = None,
) -> None:
    """Add ``respondents`` people and their answer counts ((key, level) → n) to the counters,
    inside the transaction that stores the responses (see :func:`tally_commit`)."""
    _require_transaction("tally_apply")
    tally_commit(
        tally_change(
            assessment_id=assessment_id,
            instrument=instrument,
            counts=counts,
            respondents=respondents,
            patterns=patterns,
        )
    )


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
    layout = layout_for(assessment.framework.spec, instrument)
    tally_apply(
        assessment_id=assessment.pk,
        instrument=instrument,
        counts={(key, int(level)): 1 for key, level in answers.items()},
        respondents=respondents,
        patterns=question_patterns(layout, [answers]),
    )


@transaction.atomic
def tallies_rebuild(*, actor: Any, assessment: Assessment, instrument: str) -> dict[str, int]:
    """Recount the counters from the stored responses (repair after a manual change).

    Returns ``{"respondents": before, "recounted": after}``; audited when anything changed.
    """
    # Lock the counters against concurrent submissions while recounting: a submission may
    # count into a shard that has no row yet, so row locks would not stop it — on PostgreSQL
    # the counter tables are locked against writes for this (rare, manual) transaction; SQLite
    # has one writer at a time.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "LOCK TABLE surveys_respondenttally, surveys_answertally IN EXCLUSIVE MODE"
            )
    drift = tally_drift(assessment, instrument)
    if drift.changed:
        answers = AnswerTally.objects.filter(assessment=assessment, instrument=instrument)
        answers.filter(shard=0).update(count=0)
        answers.exclude(shard=0).delete()
        respondents = RespondentTally.objects.filter(assessment=assessment, instrument=instrument)
        respondents.filter(shard=0).update(count=0)
        respondents.exclude(shard=0).delete()
        PartialTally.objects.filter(assessment=assessment, instrument=instrument).delete()
        tally_apply(
            assessment_id=assessment.pk,
            instrument=instrument,
            counts=drift.counts,
            respondents=drift.rows,
            patterns=drift.patterns,
        )
        audit_record(
            actor=actor,
            action="survey.tallies_rebuild",
            obj=assessment,
            unit_id=assessment.unit_id,
            changes={"instrument": instrument, "respondents": [drift.counted, drift.rows]},
        )
    return {"respondents": drift.counted, "recounted": drift.rows}

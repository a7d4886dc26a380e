"""The scoring counters: how many answers each level of each answer key received.

Rows for every answer key × scale level are created (at zero) when a campaign is set up, so a
submission only UPDATEs existing rows: no insert race between concurrent submissions, and one
statement per submission whatever the number of questions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_inputs_changed, assessment_touch_statement
from prongsai.core.audit import audit_record
from prongsai.core.statements import Outcome, Statement, execute_all, increment_statement
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


# One statement per submission, however many questions: the pairs are OR-ed placeholders
# (the SQL text is built from constant fragments only; every value is a parameter).
_INCREMENT_HEAD = (
    'UPDATE surveys_answertally SET "count" = "count" + %s '
    "WHERE assessment_id = %s AND instrument = %s AND ("
)
_INCREMENT_PAIR = '("key" = %s AND "level" = %s)'
assert AnswerTally._meta.db_table == "surveys_answertally"


def _pairs_statement(
    assessment_id: Any, instrument: str, pairs: list[tuple[str, int]], by: int
) -> Statement:
    assessment_param = AnswerTally._meta.get_field("assessment").get_db_prep_value(
        assessment_id, connection
    )
    sql = _INCREMENT_HEAD + " OR ".join([_INCREMENT_PAIR] * len(pairs)) + ")"
    params: list[Any] = [by, assessment_param, instrument]
    for key, level in pairs:
        params += [key, level]
    return sql, params


def _count_missing(
    assessment_id: Any, instrument: str, pairs: list[tuple[str, int]], by: int
) -> None:
    """A counter that was not prepared (e.g. a level added to the framework later): create it at
    zero (ignoring concurrent creators), then count. Rare, and still race-free."""
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


@dataclass(frozen=True)
class TallyChange:
    """The counter updates of some answers, as statements built before the transaction (a
    submission holds the database's write lock only while they run)."""

    assessment_id: Any
    instrument: str
    respondents: int
    respondent_statement: Statement
    answer_statements: list[tuple[Statement, list[tuple[str, int]], int]]  # …, pairs, by
    # (question, pattern) → n: respondents who left some of a question's sub-items blank
    patterns: Mapping[tuple[str, str], int] = field(default_factory=dict)


def tally_change(
    *,
    assessment_id: Any,
    instrument: str,
    counts: Mapping[tuple[str, int], int],
    respondents: int,
    patterns: Mapping[tuple[str, str], int] | None = None,
) -> TallyChange:
    """Build the updates adding ``respondents`` people and their answer counts
    ((key, level) → n); :func:`tally_commit` runs them."""
    by_increment: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for pair, n in counts.items():
        if n:
            by_increment[n].append(pair)
    answer_statements = []
    for step, pairs in sorted(by_increment.items()):
        for start in range(0, len(pairs), 200):
            chunk = pairs[start : start + 200]
            answer_statements.append(
                (_pairs_statement(assessment_id, instrument, chunk, step), chunk, step)
            )
    return TallyChange(
        assessment_id=assessment_id,
        instrument=instrument,
        respondents=respondents,
        respondent_statement=increment_statement(
            RespondentTally, "count", respondents, assessment=assessment_id, instrument=instrument
        ),
        answer_statements=answer_statements,
        patterns=dict(patterns or {}),
    )


def tally_statements(change: TallyChange) -> list[Statement]:
    """The updates of a :class:`TallyChange`, in their order: the respondent counter first (it
    serialises concurrent submissions for the same assessment before they touch the answer rows:
    no lock-order deadlocks on PostgreSQL), the answer counters, the assessment's inputs
    version. Run them in the transaction that stores the responses, then :func:`tally_settle`."""
    return [
        change.respondent_statement,
        *(statement for statement, _pairs, _by in change.answer_statements),
        assessment_touch_statement(assessment_id=change.assessment_id),
    ]


def tally_settle(change: TallyChange, outcomes: Sequence[Outcome]) -> None:
    """Count what :func:`tally_statements` found no counter row for (rare: created at zero,
    then counted)."""
    assessment_id, instrument = change.assessment_id, change.instrument
    if not outcomes[0].rowcount:
        RespondentTally.objects.bulk_create(
            [RespondentTally(assessment_id=assessment_id, instrument=instrument, count=0)],
            ignore_conflicts=True,
        )
        RespondentTally.objects.filter(assessment_id=assessment_id, instrument=instrument).update(
            count=F("count") + change.respondents
        )
    for (_statement, pairs, by), outcome in zip(
        change.answer_statements, outcomes[1:], strict=False
    ):
        if outcome.rowcount != len(pairs):
            _count_missing(assessment_id, instrument, pairs, by)
    if change.patterns:  # only partly answering respondents: rare
        _add_patterns(assessment_id, instrument, change.patterns)
    assessment_inputs_changed(assessment_id=assessment_id)


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

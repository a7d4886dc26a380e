"""Gather scoring inputs from the apps that own them (reads only).

One path for one assessment (the dashboard's snapshot) and for thousands (national rescoring):
a few set-based queries per batch, so both give exactly the same inputs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.core.bulk_reads import id_lookup, id_text, raw_rows
from prongsai.disclosures.selectors import (
    item_states_as_of,
    oit_scoring_inputs_many,
    published_evidence_counts_as_of,
)
from prongsai.surveys.models import AnswerTally, PartialTally, RespondentTally
from prongsai.surveys.selectors import answer_sheets_until, survey_target_overrides

from .calculator import ItemReview, Pattern, ScoringInput, SurveyTally


def survey_tallies_many(assessment_ids: Iterable[Any]) -> dict[Any, dict[str, SurveyTally]]:
    ids = list(assessment_ids)
    lookup = id_lookup(ids)
    respondents: dict[Any, dict[str, int]] = defaultdict(dict)
    for assessment_id, instrument, count in RespondentTally.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "instrument", "count"):  # a counter's shards add up
        people = respondents[assessment_id]
        people[instrument] = people.get(instrument, 0) + count
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
        levels[level] = levels.get(level, 0) + count  # a counter's shards add up
    partial = _partial_tallies(ids)
    out: dict[Any, dict[str, SurveyTally]] = {}
    for assessment_id in ids:
        by_name = counts.get(assessment_id, {})
        names = set(by_name) | set(respondents.get(assessment_id, {}))
        out[assessment_id] = {
            name: SurveyTally(
                respondents=respondents.get(assessment_id, {}).get(name, 0),
                counts=by_name.get(name, {}),
                partial=partial.get(assessment_id, {}).get(name, {}),
            )
            for name in names
        }
    return out


def parse_pattern(text: str) -> Pattern:
    """``"4,,2"`` → ``(4, None, 2)`` (the surveys app's stored form)."""
    return tuple(int(part) if part else None for part in text.split(","))


def _partial_tallies(ids: list[Any]) -> dict[Any, dict[str, dict[str, dict[Pattern, int]]]]:
    """Partly answered questions' patterns: only respondents who left some sub-items blank have
    rows, so this read is small next to the answer counts."""
    out: dict[Any, dict[str, dict[str, dict[Pattern, int]]]] = {}
    rows = PartialTally.objects.filter(assessment_id__in=ids, count__gt=0).values_list(
        "assessment_id", "instrument", "question", "pattern", "count"
    )
    for assessment_id, instrument, question, pattern, count in rows.iterator(chunk_size=20_000):
        by_question = out.setdefault(assessment_id, {}).setdefault(instrument, {})
        by_question.setdefault(question, {})[parse_pattern(pattern)] = count
    return out


def scoring_inputs_many(
    headcounts: Mapping[Any, tuple[int | None, int | None]],
) -> dict[Any, ScoringInput]:
    """Inputs per assessment id, given each assessment's (internal, external) headcounts."""
    ids = list(headcounts)
    surveys = survey_tallies_many(ids)
    oit = oit_scoring_inputs_many(ids)
    overrides = survey_target_overrides(ids)
    out = {}
    for pk, (internal, external) in headcounts.items():
        reviews, with_data = oit.get(pk, ({}, set()))
        out[pk] = ScoringInput(
            surveys=surveys.get(pk, {}),
            reviews={
                code: ItemReview(criteria=dict(r.get("criteria", {})), decision=r.get("decision"))
                for code, r in reviews.items()
            },
            headcounts={"IIT": internal, "EIT": external},
            items_with_data=frozenset(with_data),
            target_overrides=overrides.get(pk, {}),
        )
    return out


def scoring_input_for(assessment: Assessment) -> ScoringInput:
    headcounts = (assessment.headcount_internal, assessment.headcount_external)
    return scoring_inputs_many({assessment.pk: headcounts})[assessment.pk]


def scoring_input_as_of(assessment: Assessment, day: dt.date) -> ScoringInput:
    """The inputs as they stood at the end of ``day``: survey answers submitted up to then
    (counted from the stored answer sheets, not the running tallies), the OIT results released
    by then (the transition log) and the evidence published by then; headcounts and targets as
    now."""
    current = scoring_input_for(assessment)
    sheets = answer_sheets_until(assessment, day)
    spec = assessment.framework.spec
    sub_items = {q.id: q.answer_keys for q in spec.questions if len(q.answer_keys) > 1}
    surveys = {
        instrument: SurveyTally.from_answers(rows, sub_items)
        for instrument, rows in sheets.items()
        if rows
    }
    reviews = {}
    for code, state in item_states_as_of(assessment, day).items():
        if not state.released:
            continue
        criteria = dict(state.criteria)
        decision = criteria.pop("", None)
        reviews[code] = ItemReview(criteria=criteria, decision=decision or None)
    with_data = frozenset(
        code for code, n in published_evidence_counts_as_of(assessment, day).items() if n
    )
    return dataclasses.replace(current, surveys=surveys, reviews=reviews, items_with_data=with_data)

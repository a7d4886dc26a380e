"""The ITA scoring engine: plain data in, plain data out (no ORM, no HTTP).

Aggregation (the framework's ``scoring.aggregation``; see the schema's description):

* each answer is scored by its scale level (mirrored for negatively worded, ``reverse`` ones);
  survey sub-item score = mean over the answers it received;
* question with sub-items, by the framework's rule —
  ``item-first`` (also called ``mean-of-means``): the mean of its sub-items' scores;
  ``respondent-first``: each respondent's answered sub-items are averaged into that respondent's
  score for the question, and the question is the mean over the respondents who answered at
  least one sub-item. The two agree when everyone answers every sub-item; with optional
  questions left partly blank they differ;
* indicator = mean of its questions; survey instrument = mean of its indicators;
* OIT item = pass score when it passes its criteria (evaluator results), else fail score; OIT
  indicator = mean of its items (an item not assessed yet counts as failed once any item is
  assessed); OIT instrument = mean of its indicators;
* total = weighted sum of the instruments; grade and rating from the framework's bands, then the
  rating caps (e.g. "at most ผ่าน when any instrument is below 85").

Survey input is a tally (answer key → level → count), so the cost of scoring does not grow with
the number of respondents. Respondent-first needs per-respondent data only for respondents who
left some but not all of a question's sub-items blank: their answer patterns are tallied too
(``SurveyTally.partial``); everyone else's contribution follows from the counts. Anything without data is ``None`` (shown as "no data yet").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from prongsai.disclosures.rules import PASS, item_result
from prongsai.frameworks.spec import RESPONDENT_FIRST, Band, FrameworkSpec, Item, Question

# The biggest gains kept in a stored snapshot (pages show a dozen; 8,300 snapshots stay small).
OPPORTUNITIES_KEPT = 25


# A respondent's answers to one question's sub-items, in the question's order (None: blank).
Pattern = tuple[int | None, ...]


@dataclass(frozen=True)
class SurveyTally:
    """How many answers each level of each answer key received, and from how many people.

    ``partial``: question id → answer pattern → how many respondents answered that question's
    sub-items so, counting only respondents who left some, but not all, of them blank.
    """

    respondents: int = 0
    counts: Mapping[str, Mapping[int, int]] = field(default_factory=dict)
    partial: Mapping[str, Mapping[Pattern, int]] = field(default_factory=dict)

    @classmethod
    def from_answers(
        cls,
        respondents: Iterable[Mapping[str, int]],
        sub_items: Mapping[str, tuple[str, ...]] | None = None,
    ) -> SurveyTally:
        """Tally individual answer sheets (answer key → level value); with ``sub_items``
        (question id → its answer keys) also the partly answered questions' patterns."""
        counts: dict[str, dict[int, int]] = {}
        partial: dict[str, dict[Pattern, int]] = {}
        people = 0
        for sheet in respondents:
            people += 1
            for key, level in sheet.items():
                by_level = counts.setdefault(key, {})
                by_level[level] = by_level.get(level, 0) + 1
            for question_id, keys in (sub_items or {}).items():
                pattern = partial_pattern(keys, sheet)
                if pattern is not None:
                    by_pattern = partial.setdefault(question_id, {})
                    by_pattern[pattern] = by_pattern.get(pattern, 0) + 1
        return cls(respondents=people, counts=counts, partial=partial)


def partial_pattern(keys: tuple[str, ...], sheet: Mapping[str, int]) -> Pattern | None:
    """The sheet's answers to a question's sub-items when some but not all are blank."""
    if len(keys) < 2:
        return None
    pattern = tuple(sheet.get(key) for key in keys)
    blanks = pattern.count(None)
    return pattern if 0 < blanks < len(keys) else None


@dataclass(frozen=True)
class ItemReview:
    """An evaluator's results for one OIT item: per criterion, or one decision when the item
    has no criteria (reconstructed frameworks)."""

    criteria: Mapping[str, str] = field(default_factory=dict)
    decision: str | None = None


@dataclass(frozen=True)
class ScoringInput:
    surveys: Mapping[str, SurveyTally] = field(default_factory=dict)
    reviews: Mapping[str, ItemReview] = field(default_factory=dict)
    headcounts: Mapping[str, int | None] = field(default_factory=dict)
    items_with_data: frozenset[str] = frozenset()
    # Respondent targets an admin set by hand (with a recorded reason); others follow the rule.
    target_overrides: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Respondents:
    count: int
    target: int | None

    @property
    def percent(self) -> float | None:
        if not self.target:
            return None
        return 100.0 * self.count / self.target

    @property
    def enough(self) -> bool | None:
        if self.target is None:
            return None
        return self.count >= self.target


@dataclass(frozen=True)
class Opportunity:
    """Raising this to full marks would add ``points`` to the total."""

    kind: str  # "item", "indicator" or "question"
    id: str
    instrument: str
    indicator: str
    current: float | None
    points: float


@dataclass(frozen=True)
class ScoreResult:
    framework: str
    framework_version: int
    total: float | None
    grade: Band | None
    rating: Band | None
    rating_uncapped: Band | None
    caps_applied: tuple[int, ...]
    instruments: dict[str, float | None]
    indicators: dict[str, float | None]
    questions: dict[str, float | None]
    sub_items: dict[str, float | None]
    items: dict[str, float | None]
    respondents: dict[str, Respondents]
    oit_items: int
    oit_passed: int
    oit_assessed: int
    oit_with_data: int
    opportunities: tuple[Opportunity, ...]

    def to_json(self, digits: int = 2) -> dict[str, Any]:
        """The shape printed by ``ita_score --format json`` and stored in snapshots."""

        def r(value: float | None) -> float | None:
            return None if value is None else round(value, digits)

        return {
            "framework": self.framework,
            "framework_version": self.framework_version,
            "total": r(self.total),
            "grade": self.grade.id if self.grade else None,
            "rating": self.rating.label.th if self.rating else None,
            "rating_id": self.rating.id if self.rating else None,
            "rating_before_caps": self.rating_uncapped.id if self.rating_uncapped else None,
            "caps_applied": list(self.caps_applied),
            "instruments": {k: r(v) for k, v in self.instruments.items()},
            "indicators": {k: r(v) for k, v in self.indicators.items()},
            "questions": {k: r(v) for k, v in self.questions.items()},
            "items": {k: r(v) for k, v in self.items.items()},
            "respondents": {
                k: {
                    "count": v.count,
                    "target": v.target,
                    "percent": r(v.percent),
                    "enough": v.enough,
                }
                for k, v in self.respondents.items()
            },
            "oit": {
                "passed": self.oit_passed,
                "items": self.oit_items,
                "assessed": self.oit_assessed,
                "with_data": self.oit_with_data,
            },
            "opportunities": [
                {
                    "kind": o.kind,
                    "id": o.id,
                    "instrument": o.instrument,
                    "indicator": o.indicator,
                    "current": r(o.current),
                    "points": r(o.points),
                }
                for o in self.opportunities[:OPPORTUNITIES_KEPT]
            ],
        }


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present) / len(present)


def _sub_item_score(
    spec: FrameworkSpec, scale_id: str, reverse: bool, counts: Mapping[int, int] | None
) -> float | None:
    if not counts:
        return None
    scale = spec.scale_by_id[scale_id]
    total = 0.0
    answers = 0
    # Sorted, so the floating-point sum is the same whatever order the counts arrived in.
    for value, count in sorted(counts.items()):
        if count <= 0 or not scale.has_value(value):
            continue
        total += scale.score(value, reverse=reverse) * count
        answers += count
    return total / answers if answers else None


def _respondent_first(spec: FrameworkSpec, question: Question, tally: SurveyTally) -> float | None:
    """Mean over respondents of each one's mean over the sub-items they answered.

    Respondents who answered every sub-item are not tallied one by one: their answers are the
    counts minus the partly answered respondents' answers, and the sum of their means is the
    sum of those answers' scores divided by the number of sub-items.
    """
    keys = question.answer_keys
    scale = spec.scale_by_id[question.scale]
    partial = tally.partial.get(question.id, {})
    partial_people = 0
    partial_sum = 0.0
    taken: dict[str, dict[int, int]] = {key: {} for key in keys}
    for pattern, n in sorted(partial.items(), key=lambda kv: repr(kv[0])):
        if n <= 0 or len(pattern) != len(keys):
            continue
        scores = []
        for key, value in zip(keys, pattern, strict=True):
            if value is None or not scale.has_value(value):
                continue
            scores.append(scale.score(value, reverse=question.reverse_for(key)))
            taken[key][value] = taken[key].get(value, 0) + n
        if scores:
            partial_people += n
            partial_sum += n * sum(scores) / len(scores)
    complete_people = 0
    complete_sum = 0.0
    for index, key in enumerate(keys):
        answers = 0
        total = 0.0
        for value, count in sorted((tally.counts.get(key) or {}).items()):
            left = count - taken[key].get(value, 0)
            if left <= 0 or not scale.has_value(value):
                continue
            total += scale.score(value, reverse=question.reverse_for(key)) * left
            answers += left
        complete_sum += total / len(keys)
        if index == 0:
            complete_people = answers
    people = complete_people + partial_people
    return (complete_sum + partial_sum) / people if people else None


def item_passed(spec: FrameworkSpec, item: Item, review: ItemReview | None) -> bool | None:
    """True/False once the item's result is known; None while it is not (fully) assessed.
    The rule is the one the evaluator's review uses (``prongsai.disclosures.rules``)."""
    if review is None:
        return None
    results = (
        [review.criteria.get(c.id) for c in item.criteria] if item.criteria else [review.decision]
    )
    outcome = item_result(results, conditional_passes=spec.oit.conditional_passes)
    return None if not outcome else outcome == PASS


def score(spec: FrameworkSpec, data: ScoringInput) -> ScoreResult:
    sub_items: dict[str, float | None] = {}
    questions: dict[str, float | None] = {}
    indicators: dict[str, float | None] = {}
    instruments: dict[str, float | None] = {}
    items: dict[str, float | None] = {}

    # Surveys: sub-item → question (by the framework's rule) → indicator → instrument.
    respondent_first = spec.sub_item_rule == RESPONDENT_FIRST
    for question in spec.questions:
        tally = data.surveys.get(question.instrument, SurveyTally())
        scores = []
        for key in question.answer_keys:
            value = _sub_item_score(
                spec, question.scale, question.reverse_for(key), tally.counts.get(key)
            )
            sub_items[key] = value
            scores.append(value)
        if respondent_first and len(question.answer_keys) > 1:
            questions[question.id] = _respondent_first(spec, question, tally)
        else:
            questions[question.id] = _mean(scores)

    # OIT: item results from criteria.
    passed = assessed = 0
    for item in spec.items:
        result = item_passed(spec, item, data.reviews.get(item.id))
        if result is None:
            items[item.id] = None
        else:
            assessed += 1
            passed += int(result)
            items[item.id] = spec.oit.pass_score if result else spec.oit.fail_score

    for indicator in spec.indicators:
        if indicator.instrument == "OIT":
            members = spec.items_by_indicator.get(indicator.id, [])
            if assessed == 0 or not members:
                indicators[indicator.id] = None
            else:
                indicators[indicator.id] = _mean(
                    [
                        items[i.id] if items[i.id] is not None else spec.oit.fail_score
                        for i in members
                    ]
                )
        else:
            indicators[indicator.id] = _mean(
                [questions[q.id] for q in spec.questions_by_indicator.get(indicator.id, [])]
            )

    for instrument in spec.instruments:
        instruments[instrument.id] = _mean(
            [indicators[i.id] for i in spec.indicators_of(instrument.id)]
        )

    total: float | None = None
    if all(value is not None for value in instruments.values()):
        total = sum(inst.weight * (instruments[inst.id] or 0.0) / 100 for inst in spec.instruments)

    respondents = {
        inst.id: Respondents(
            count=data.surveys.get(inst.id, SurveyTally()).respondents,
            target=data.target_overrides[inst.id]
            if inst.id in data.target_overrides
            else spec.sample_target(inst.id, data.headcounts.get(inst.id)),
        )
        for inst in spec.instruments
        if inst.respondents != "none"
    }

    grade = rating = uncapped = None
    caps_applied: list[int] = []
    if total is not None:
        grade = spec.grade_for(total)
        rating = uncapped = spec.rating_for(total)
        for index, cap in enumerate(spec.rating_caps):
            if _cap_triggered(cap.when, cap.threshold, instruments, respondents):
                limit = next((b for b in spec.ratings if b.id == cap.at_most), None)
                if rating is not None and limit is not None and rating.min > limit.min:
                    rating = limit
                    caps_applied.append(index)

    return ScoreResult(
        framework=spec.id,
        framework_version=spec.version,
        total=total,
        grade=grade,
        rating=rating,
        rating_uncapped=uncapped,
        caps_applied=tuple(caps_applied),
        instruments=instruments,
        indicators=indicators,
        questions=questions,
        sub_items=sub_items,
        items=items,
        respondents=respondents,
        oit_items=len(spec.items),
        oit_passed=passed,
        oit_assessed=assessed,
        oit_with_data=len(data.items_with_data & set(spec.item_by_id)),
        opportunities=tuple(_opportunities(spec, indicators, questions, items)),
    )


def _cap_triggered(
    when: str,
    threshold: float,
    instruments: Mapping[str, float | None],
    respondents: Mapping[str, Respondents],
) -> bool:
    if when == "any_instrument_below":
        return any(value is not None and value < threshold for value in instruments.values())
    if when == "sample_below_target":
        return any(r.percent is not None and r.percent < threshold for r in respondents.values())
    return False


def _opportunities(
    spec: FrameworkSpec,
    indicators: Mapping[str, float | None],
    questions: Mapping[str, float | None],
    items: Mapping[str, float | None],
) -> list[Opportunity]:
    """Points the total would gain if one item, indicator or question reached full marks."""
    out: list[Opportunity] = []
    for instrument in spec.instruments:
        inds = spec.indicators_of(instrument.id)
        if not inds:
            continue
        share = instrument.weight / 100 / len(inds)
        for ind in inds:
            if instrument.id == "OIT":
                members = spec.items_by_indicator.get(ind.id, [])
                for item in members:
                    current = items.get(item.id)
                    gap = spec.oit.pass_score - (
                        current if current is not None else spec.oit.fail_score
                    )
                    if gap > 0:
                        out.append(
                            Opportunity(
                                "item", item.id, "OIT", ind.id, current, share * gap / len(members)
                            )
                        )
                continue
            current = indicators.get(ind.id)
            if current is None:
                continue
            if current < 100:
                out.append(
                    Opportunity(
                        "indicator", ind.id, instrument.id, ind.id, current, share * (100 - current)
                    )
                )
            qs = [
                q
                for q in spec.questions_by_indicator.get(ind.id, [])
                if questions.get(q.id) is not None
            ]
            for q in qs:
                q_score = questions[q.id]
                assert q_score is not None
                if q_score < 100:
                    out.append(
                        Opportunity(
                            "question",
                            q.id,
                            instrument.id,
                            ind.id,
                            q_score,
                            share * (100 - q_score) / len(qs),
                        )
                    )
    out.sort(key=lambda o: (-o.points, o.kind, o.id))
    return out

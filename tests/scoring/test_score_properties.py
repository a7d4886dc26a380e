"""Properties of the calculator on the shipped 2567 police framework (hypothesis)."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.frameworks.spec import FrameworkSpec
from prongsai.scoring.calculator import ItemReview, ScoringInput, SurveyTally, score

from ..conftest import police_definition

SPEC = FrameworkSpec.from_definition(police_definition())
KEYS = {
    inst: [(key, q) for q in SPEC.questions_of(inst) for key in q.answer_keys]
    for inst in ("IIT", "EIT")
}


def _levels(question: Any) -> list[int]:
    return [level.value for level in SPEC.scale_by_id[question.scale].levels]


@st.composite
def sheets(draw: Any, instrument: str) -> dict[str, int]:
    sheet = {}
    for key, question in KEYS[instrument]:
        if draw(st.booleans()) or draw(st.booleans()):  # ~75 % answered
            sheet[key] = draw(st.sampled_from(_levels(question)))
    return sheet


results_ = st.sampled_from(["pass", "fail", "conditional"])


@st.composite
def inputs(draw: Any) -> tuple[list[dict[str, int]], list[dict[str, int]], dict[str, ItemReview]]:
    iit = draw(st.lists(sheets("IIT"), max_size=8))
    eit = draw(st.lists(sheets("EIT"), max_size=8))
    reviews = {}
    for item in SPEC.items:
        if draw(st.booleans()):
            reviews[item.id] = ItemReview(criteria={c.id: draw(results_) for c in item.criteria})
    return iit, eit, reviews


def _score(iit: list[dict[str, int]], eit: list[dict[str, int]], reviews: Any) -> Any:
    data = ScoringInput(
        surveys={"IIT": SurveyTally.from_answers(iit), "EIT": SurveyTally.from_answers(eit)},
        reviews=reviews,
    )
    return score(SPEC, data)


def _all_scores(result: Any) -> list[float]:
    values = [
        *result.sub_items.values(),
        *result.questions.values(),
        *result.indicators.values(),
        *result.instruments.values(),
        *result.items.values(),
        result.total,
    ]
    return [v for v in values if v is not None]


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(inputs())
def test_every_score_is_between_0_and_100(data: Any) -> None:
    result = _score(*data)
    for value in _all_scores(result):
        assert -1e-9 <= value <= 100 + 1e-9


@FAST
@given(inputs(), st.randoms(use_true_random=False))
def test_respondent_order_does_not_matter(data: Any, rnd: random.Random) -> None:
    iit, eit, reviews = data
    shuffled_iit, shuffled_eit = list(iit), list(eit)
    rnd.shuffle(shuffled_iit)
    rnd.shuffle(shuffled_eit)
    assert (
        _score(iit, eit, reviews).to_json() == _score(shuffled_iit, shuffled_eit, reviews).to_json()
    )


def _better(question: Any, key: str, level: int) -> int | None:
    """A level of the same scale that scores strictly higher for this answer key, if any."""
    scale = SPEC.scale_by_id[question.scale]
    reverse = question.reverse_for(key)
    current = scale.score(level, reverse=reverse)
    better = [lv.value for lv in scale.levels if scale.score(lv.value, reverse=reverse) > current]
    return better[0] if better else None


def _never_lower(before: Any, after: Any) -> None:
    for name in ("sub_items", "questions", "indicators", "instruments", "items"):
        old, new = getattr(before, name), getattr(after, name)
        for key, value in old.items():
            if value is not None:
                assert new[key] is not None and new[key] >= value - 1e-9, (name, key)
    if before.total is not None:
        assert after.total is not None and after.total >= before.total - 1e-9


@FAST
@given(inputs(), st.data())
def test_improving_one_answer_never_lowers_any_score(data: Any, pick: Any) -> None:
    iit, eit, reviews = data
    candidates = [
        (inst, index, key)
        for inst, sheets_ in (("IIT", iit), ("EIT", eit))
        for index, sheet in enumerate(sheets_)
        for key in sheet
    ]
    if not candidates:
        return
    inst, index, key = pick.draw(st.sampled_from(candidates))
    question = next(q for k, q in KEYS[inst] if k == key)
    sheets_ = iit if inst == "IIT" else eit
    better = _better(question, key, sheets_[index][key])
    if better is None:
        return
    improved = [dict(s) for s in sheets_]
    improved[index][key] = better
    before = _score(iit, eit, reviews)
    after = _score(improved, eit, reviews) if inst == "IIT" else _score(iit, improved, reviews)
    _never_lower(before, after)


@FAST
@given(inputs(), st.data())
def test_passing_one_more_criterion_never_lowers_any_score(data: Any, pick: Any) -> None:
    iit, eit, reviews = data
    failing = [
        (code, c) for code, r in reviews.items() for c, v in r.criteria.items() if v != "pass"
    ]
    if not failing:
        return
    code, criterion = pick.draw(st.sampled_from(failing))
    improved = dict(reviews)
    improved[code] = ItemReview(criteria={**reviews[code].criteria, criterion: "pass"})
    _never_lower(_score(iit, eit, reviews), _score(iit, eit, improved))

"""Scores computed by hand from the framework's rule (mean of means, weights 30/30/40)."""

from __future__ import annotations

import pytest

from prongsai.frameworks.spec import FrameworkSpec
from prongsai.scoring.calculator import ItemReview, ScoringInput, SurveyTally, score

from .definitions import tiny

SPEC = FrameworkSpec.from_definition(tiny())
ALL_PASS = {
    "O1": ItemReview(criteria={"O1.1": "pass", "O1.2": "pass"}),
    "O2": ItemReview(criteria={"O2.1": "pass"}),
}


def test_sub_items_questions_reverse_yes_no_and_weights() -> None:
    iit = SurveyTally.from_answers(
        [
            {"i1.1": 4, "i1.2": 2, "i4": 1},  # "มี" a bribe: reversed → 0
            {"i1.1": 4, "i1.2": 3, "i4": 0},  # "ไม่มี" → 100
            {"i1.1": 3, "i4": 0},  # i1.2 left blank: missing answers are skipped
        ]
    )
    eit = SurveyTally.from_answers([{"e1": 4}, {"e1": 3}])
    reviews = {
        "O1": ItemReview(criteria={"O1.1": "pass", "O1.2": "pass"}),
        "O2": ItemReview(criteria={"O2.1": "fail"}),
    }
    result = score(SPEC, ScoringInput(surveys={"IIT": iit, "EIT": eit}, reviews=reviews))

    i11 = (100 + 100 + 66.67) / 3  # 88.89
    i12 = (33.33 + 66.67) / 2  # 50.00
    assert result.sub_items["i1.1"] == pytest.approx(i11)
    assert result.sub_items["i1.2"] == pytest.approx(i12)
    assert result.questions["i1"] == pytest.approx((i11 + i12) / 2)
    assert result.questions["i4"] == pytest.approx(200 / 3)  # 0, 100, 100
    iit_score = ((i11 + i12) / 2 + 200 / 3) / 2
    assert result.indicators["1"] == pytest.approx(iit_score)
    assert result.instruments["IIT"] == pytest.approx(iit_score)
    assert result.instruments["EIT"] == pytest.approx((100 + 66.67) / 2)
    assert result.items == {"O1": 100, "O2": 0}
    assert result.instruments["OIT"] == pytest.approx(50)
    total = 0.3 * iit_score + 0.3 * (100 + 66.67) / 2 + 0.4 * 50
    assert result.total == pytest.approx(total)  # 69.92
    assert result.grade is not None and result.grade.id == "C"
    assert result.rating is not None and result.rating.id == "fail"
    assert (result.oit_passed, result.oit_assessed, result.oit_items) == (1, 2, 2)


def test_reverse_level_scale_mirrors_scores() -> None:
    scale = SPEC.scale_by_id["level4"]
    assert scale.score(4, reverse=True) == 0
    assert scale.score(1, reverse=True) == 100
    assert scale.score(2, reverse=True) == pytest.approx(66.67)


def test_zero_respondents_give_no_score_yet() -> None:
    result = score(SPEC, ScoringInput(headcounts={"IIT": 12, "EIT": 2000}))
    assert result.total is None
    assert result.instruments == {"IIT": None, "EIT": None, "OIT": None}
    assert result.grade is None and result.rating is None
    assert result.respondents["IIT"].count == 0
    assert result.respondents["IIT"].target == 12
    assert result.respondents["EIT"].target == 200


def test_a_partially_reviewed_item_counts_only_when_decided() -> None:
    pending = {"O1": ItemReview(criteria={"O1.1": "pass"})}  # O1.2 not reviewed yet
    assert score(SPEC, ScoringInput(reviews=pending)).items["O1"] is None
    failed = {"O1": ItemReview(criteria={"O1.1": "fail"})}  # one fail decides it
    assert score(SPEC, ScoringInput(reviews=failed)).items["O1"] == 0


def test_unassessed_items_count_as_failed_once_any_item_is_assessed() -> None:
    result = score(SPEC, ScoringInput(reviews={"O2": ItemReview(criteria={"O2.1": "pass"})}))
    assert result.items == {"O1": None, "O2": 100}
    assert result.indicators["9"] == 50


def test_conditional_counts_as_pass_only_when_the_framework_says_so() -> None:
    reviews = {"O2": ItemReview(criteria={"O2.1": "conditional"})}
    assert score(SPEC, ScoringInput(reviews=reviews)).items["O2"] == 0
    lenient_def = tiny()
    lenient_def["scoring"]["oit"]["conditional_passes"] = True
    lenient = FrameworkSpec.from_definition(lenient_def)
    assert score(lenient, ScoringInput(reviews=reviews)).items["O2"] == 100


def test_rating_is_capped_when_one_instrument_is_below_85() -> None:
    iit = SurveyTally.from_answers([{"i1.1": 4, "i1.2": 4, "i4": 0}])
    eit = SurveyTally.from_answers([{"e1": 3}])  # 66.67 < 85
    result = score(SPEC, ScoringInput(surveys={"IIT": iit, "EIT": eit}, reviews=ALL_PASS))
    assert result.total == pytest.approx(30 + 0.3 * 66.67 + 40)  # 90.0 → "good"
    assert result.rating_uncapped is not None and result.rating_uncapped.id == "good"
    assert result.rating is not None and result.rating.id == "pass"
    assert result.caps_applied == (0,)


def test_full_marks() -> None:
    iit = SurveyTally.from_answers([{"i1.1": 4, "i1.2": 4, "i4": 0}])
    eit = SurveyTally.from_answers([{"e1": 4}])
    result = score(SPEC, ScoringInput(surveys={"IIT": iit, "EIT": eit}, reviews=ALL_PASS))
    assert result.total == pytest.approx(100)
    assert result.grade is not None and result.grade.id == "AA"
    assert result.rating is not None and result.rating.id == "excellent"
    assert result.opportunities == ()


def test_where_the_points_are() -> None:
    iit = SurveyTally.from_answers([{"i1.1": 4, "i1.2": 4, "i4": 0}])
    eit = SurveyTally.from_answers([{"e1": 3}])
    reviews = {"O1": ALL_PASS["O1"], "O2": ItemReview(criteria={"O2.1": "fail"})}
    result = score(SPEC, ScoringInput(surveys={"IIT": iit, "EIT": eit}, reviews=reviews))
    best = result.opportunities[0]
    # O2 failing costs 40 × ½ (one of two items) = 20 points; EIT's 33.33 gap × 0.3 = 10.
    assert (best.kind, best.id) == ("item", "O2")
    assert best.points == pytest.approx(20)
    eit_gain = next(o for o in result.opportunities if o.kind == "indicator" and o.id == "6")
    assert eit_gain.points == pytest.approx(0.3 * (100 - 66.67))


def test_sample_targets_follow_the_rule() -> None:
    rule = SPEC.instrument_by_id["IIT"].sample
    assert rule is not None
    assert [rule.target(n) for n in (0, 12, 29, 30, 250, 2000, 4000, 4001, 90000)] == [
        0, 12, 29, 30, 30, 200, 400, 400, 400,
    ]  # fmt: skip

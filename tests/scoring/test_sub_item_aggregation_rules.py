"""The framework chooses how a question's sub-items are aggregated, and each named rule is
computed exactly, also when respondents leave sub-items blank (values computed by hand):

* item-first (``mean-of-means`` is its older name): each sub-item's mean over its answers, then
  the mean of the sub-items;
* respondent-first: each respondent's mean over the sub-items they answered, then the mean over
  respondents who answered any.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import transaction

from prongsai.frameworks.loader import check_definition, framework_load
from prongsai.frameworks.spec import FrameworkSpec
from prongsai.scoring.calculator import ScoringInput, SurveyTally, score
from prongsai.scoring.inputs import scoring_input_for

from .definitions import tiny

# Level scores of the tiny framework's 4-level scale: 1 → 0, 2 → 33.33, 3 → 66.67, 4 → 100.
SHEETS = [
    {"i1.1": 4, "i1.2": 4, "i4": 0},  # respondent A: 100, 100 → 100
    {"i1.1": 1, "i4": 0},  # B: 0, blank → 0
    {"i1.1": 4, "i1.2": 2, "i4": 0},  # C: 100, 33.33 → 66.665
    {"i4": 0},  # D: nothing for i1 → not counted in i1 either way
]
ITEM_FIRST = ((100 + 0 + 100) / 3 + (100 + 33.33) / 2) / 2  # (66.667 + 66.665) / 2 = 66.666
RESPONDENT_FIRST = (100 + 0 + (100 + 33.33) / 2) / 3  # 55.555


def _spec(rule: str) -> FrameworkSpec:
    definition = tiny()
    definition["scoring"]["aggregation"] = rule
    definition["questions"][0]["required"] = False
    return FrameworkSpec.from_definition(definition)


def _sub_items(spec: FrameworkSpec) -> dict[str, tuple[str, ...]]:
    return {q.id: q.answer_keys for q in spec.questions if len(q.answer_keys) > 1}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("item-first", ITEM_FIRST),
        ("mean-of-means", ITEM_FIRST),
        ("respondent-first", RESPONDENT_FIRST),
    ],
)
def test_each_rule_with_a_blank_sub_item(rule: str, expected: float) -> None:
    spec = _spec(rule)
    tally = SurveyTally.from_answers(SHEETS, _sub_items(spec))
    assert tally.partial == {"i1": {(1, None): 1}}  # only B left part of i1 blank
    result = score(spec, ScoringInput(surveys={"IIT": tally}))
    assert result.questions["i1"] == pytest.approx(expected)
    # sub-item figures are the same under both rules
    assert result.sub_items["i1.1"] == pytest.approx(200 / 3)
    assert result.sub_items["i1.2"] == pytest.approx((100 + 33.33) / 2)
    assert result.questions["i4"] == 100  # reversed yes/no, no sub-items: unaffected
    assert result.instruments["IIT"] == pytest.approx((expected + 100) / 2)


def test_the_rules_agree_when_every_sub_item_is_answered() -> None:
    complete = [{"i1.1": 4, "i1.2": 2}, {"i1.1": 3, "i1.2": 3}, {"i1.1": 1, "i1.2": 4}]
    first = _spec("item-first")
    second = _spec("respondent-first")
    a = score(first, ScoringInput(surveys={"IIT": SurveyTally.from_answers(complete)}))
    b = score(second, ScoringInput(surveys={"IIT": SurveyTally.from_answers(complete)}))
    assert a.questions["i1"] == pytest.approx(b.questions["i1"])
    assert a.questions["i1"] == pytest.approx((100 + 33.33 + 66.67 * 2 + 0 + 100) / 6)


def test_respondent_first_with_three_sub_items_and_several_blanks() -> None:
    definition = tiny()
    definition["scoring"]["aggregation"] = "respondent-first"
    definition["questions"][0]["required"] = False
    definition["questions"][0]["sub_items"].append({"id": "i1.3", "text": {"th": "x", "en": "x"}})
    spec = FrameworkSpec.from_definition(definition)
    sheets = [
        {"i1.1": 4, "i1.2": 4, "i1.3": 1},  # (100 + 100 + 0) / 3 = 66.667
        {"i1.1": 4, "i1.3": 1},  # (100 + 0) / 2 = 50
        {"i1.2": 3},  # 66.67
        {"i1.1": 2, "i1.2": 2, "i1.3": 2},  # 33.33
    ]
    result = score(
        spec, ScoringInput(surveys={"IIT": SurveyTally.from_answers(sheets, _sub_items(spec))})
    )
    assert result.questions["i1"] == pytest.approx((200 / 3 + 50 + 66.67 + 33.33) / 4)
    # item-first on the same sheets would give another figure
    item_first = (
        ((100 + 100 + 33.33) / 3) + ((100 + 66.67 + 33.33) / 3) + ((0 + 0 + 33.33) / 3)
    ) / 3
    value = result.questions["i1"]
    assert value is not None and abs(value - item_first) > 1


def test_an_unknown_rule_is_refused_with_its_path() -> None:
    definition = tiny()
    definition["scoring"]["aggregation"] = "median"
    problems = check_definition(definition)
    assert any("aggregation" in str(p) for p in problems), problems


def test_stored_answers_score_respondent_first(db: None, tree: Any) -> None:
    """From the stored counters (what pages and national rescoring read), the same figures."""
    from prongsai.assessments.services import assessment_open
    from prongsai.surveys.services import tally_add

    definition = tiny()
    definition["scoring"]["aggregation"] = "respondent-first"
    definition["questions"][0]["required"] = False
    framework = framework_load(
        actor="tests", data=copy.deepcopy(definition), source_name="tiny.yaml"
    ).framework
    assessment = assessment_open(
        actor="tests", unit=tree.unit, framework=framework, headcount_internal=4
    )
    with transaction.atomic():
        for sheet in SHEETS:
            tally_add(assessment=assessment, instrument="IIT", answers=sheet)
    data = scoring_input_for(assessment)
    assert dict(data.surveys["IIT"].partial) == {"i1": {(1, None): 1}}
    result = score(framework.spec, data)
    assert result.questions["i1"] == pytest.approx(RESPONDENT_FIRST)


def test_a_web_answer_leaving_a_sub_item_blank_is_counted_and_rebuilt(
    db: None, tree: Any, settings: Any
) -> None:
    from django.test import Client

    from prongsai.assessments.services import assessment_open
    from prongsai.surveys.models import Campaign, PartialTally
    from prongsai.surveys.services import tallies_rebuild

    from ..surveys.conftest import eit_fields, eit_url, open_campaign

    settings.SURVEY_POW_BITS = 4
    definition = tiny()
    definition["scoring"]["aggregation"] = "respondent-first"
    definition["questions"].append(
        {
            "id": "e2",
            "instrument": "EIT",
            "indicator": "6",
            "text": {"th": "ข้อมูลชัดเจน", "en": "Clear information"},
            "scale": "level4",
            "required": False,
            "sub_items": [
                {"id": "e2.1", "text": {"th": "ครบ", "en": "complete"}},
                {"id": "e2.2", "text": {"th": "ถูกต้อง", "en": "correct"}},
            ],
        }
    )
    framework = framework_load(actor="tests", data=definition, source_name="tiny.yaml").framework
    assessment = assessment_open(
        actor="tests", unit=tree.unit, framework=framework, headcount_external=40
    )
    campaign = open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    posted = eit_fields(campaign, **{"a_e2.1": "4", "a_e2.2": ""})
    assert Client().post(eit_url(campaign), posted).status_code == 200
    assert (
        Client().post(eit_url(campaign), eit_fields(campaign, **{"a_e2.1": "2"})).status_code == 200
    )
    rows = list(PartialTally.objects.values_list("question", "pattern", "count"))
    assert rows == [("e2", "4,", 1)]
    # respondent-first: (100 + (33.33 + 66.67) / 2) / 2 = 75; item-first would be 66.67
    result = score(framework.spec, scoring_input_for(assessment))
    assert result.questions["e2"] == pytest.approx(75)

    PartialTally.objects.all().delete()
    tallies_rebuild(actor="tests", assessment=assessment, instrument="EIT")
    assert list(PartialTally.objects.values_list("question", "pattern", "count")) == rows

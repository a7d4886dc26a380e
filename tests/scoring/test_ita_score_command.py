"""`ita_score` prints the unit's score from the current snapshot, and snapshots follow inputs."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from prongsai.assessments.services import assessment_update
from prongsai.scoring.models import ScoreSnapshot
from prongsai.surveys.services import tally_add

from ..conftest import Personas


def _score_json(**kwargs: Any) -> dict[str, Any]:
    out = StringIO()
    call_command(
        "ita_score", "--unit", "kalasin-immigration", "--year", "2567", stdout=out, **kwargs
    )
    return json.loads(out.getvalue())


def test_empty_assessment_reports_nulls_targets_and_24_items(assessment: Any) -> None:
    result = _score_json()
    assert result["framework"] == "ita-2567-police"
    assert result["total"] is None and result["grade"] is None and result["rating"] is None
    assert set(result["indicators"]) == {str(n) for n in range(1, 11)}
    assert result["instruments"] == {"IIT": None, "EIT": None, "OIT": None}
    assert result["respondents"]["IIT"] == {
        "count": 0,
        "target": 12,
        "percent": 0.0,
        "enough": False,
    }
    assert result["respondents"]["EIT"]["target"] == 200
    assert result["oit"]["items"] == 24 and result["oit"]["passed"] == 0


def test_survey_answers_change_the_snapshot(assessment: Any) -> None:
    spec = assessment.framework.spec
    sheet: dict[str, int] = {}
    for question in spec.questions_of("IIT"):
        scale = spec.scale_by_id[question.scale]
        for key in question.answer_keys:
            # the best answer: the level with the highest score once reversed
            scored = [
                (scale.score(lv.value, reverse=question.reverse_for(key)), lv.value)
                for lv in scale.levels
            ]
            sheet[key] = max(scored)[1]
    first = _score_json()
    with transaction.atomic():
        tally_add(assessment=assessment, instrument="IIT", answers=sheet)
    second = _score_json()
    assert first["instruments"]["IIT"] is None
    assert second["instruments"]["IIT"] == 100.0
    assert second["respondents"]["IIT"]["count"] == 1
    # the earlier snapshot of the same day is not kept (the history keeps the day's latest)
    assessment.refresh_from_db()
    assert list(
        ScoreSnapshot.objects.filter(assessment=assessment).values_list("inputs_version", flat=True)
    ) == [assessment.inputs_version]


def test_headcount_change_updates_the_target(assessment: Any, people: Personas) -> None:
    assert _score_json()["respondents"]["EIT"]["target"] == 200
    assessment_update(actor=people.admin, assessment=assessment, headcount_external=5000)
    assert _score_json()["respondents"]["EIT"]["target"] == 400


def test_text_format(assessment: Any) -> None:
    out = StringIO()
    call_command(
        "ita_score",
        "--unit",
        "kalasin-immigration",
        "--year",
        "2567",
        "--format",
        "text",
        stdout=out,
    )
    text = out.getvalue()
    assert "ita-2567-police" in text and "Respondents IIT: 0 / 12" in text
    assert "OIT: 0 of 24 items passed" in text


@pytest.mark.django_db
def test_unknown_unit_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="no assessment for unit 'nowhere' in 2567"):
        call_command("ita_score", "--unit", "nowhere", "--year", "2567", stdout=StringIO())


def test_a_target_set_by_hand_reaches_the_score(assessment: Any, people: Personas) -> None:
    from prongsai.surveys.models import Campaign
    from prongsai.surveys.services import campaign_setup, campaign_update

    campaign_setup(actor=people.admin, assessment=assessment)
    eit = Campaign.objects.get(assessment=assessment, instrument="EIT")
    campaign_update(
        actor=people.admin,
        campaign=eit,
        opens_on=eit.opens_on,
        closes_on=eit.closes_on,
        target_override=250,
        target_override_reason="ผู้รับบริการเพิ่มขึ้นจากการเปิดด่านใหม่",
    )
    assert _score_json()["respondents"]["EIT"]["target"] == 250

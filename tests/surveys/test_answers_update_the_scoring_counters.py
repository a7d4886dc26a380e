"""Each stored response updates the counters the scoring engine reads, in its own transaction,
and the score snapshot follows."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.test import Client

from prongsai.assessments.models import Assessment
from prongsai.scoring.services import snapshot_current
from prongsai.surveys.models import AnswerTally, RespondentTally, Response
from prongsai.surveys.selectors import responses_per_day, survey_tallies
from prongsai.surveys.services import tallies_rebuild

from .conftest import eit_fields, eit_url


def test_a_submission_counts_in_the_tallies_and_the_snapshot(client: Any, eit: Any) -> None:
    assessment = eit.assessment
    before = snapshot_current(assessment).result["respondents"]["EIT"]["count"]
    version = Assessment.objects.get(pk=assessment.pk).inputs_version
    assert Client().post(eit_url(eit), eit_fields(eit, a_e1="4")).status_code == 200
    assert Client().post(eit_url(eit), eit_fields(eit, a_e1="2")).status_code == 200
    tallies = survey_tallies(assessment)["EIT"]
    assert tallies["respondents"] == 2
    assert tallies["counts"]["e1"][4] == 1 and tallies["counts"]["e1"][2] == 1
    assert Assessment.objects.get(pk=assessment.pk).inputs_version > version
    result = snapshot_current(assessment).result
    assert before == 0
    assert result["respondents"]["EIT"]["count"] == 2
    assert abs(result["questions"]["e1"] - (100 + 33.33) / 2) < 0.01


def test_counters_are_prepared_so_submissions_only_update(assessment: Any) -> None:
    keys = AnswerTally.objects.filter(assessment=assessment, instrument="EIT")
    assert keys.count() == 12 * 4 + 3 * 2  # 12 four-level questions, 3 yes/no
    assert set(keys.values_list("count", flat=True)) == {0}
    assert RespondentTally.objects.get(assessment=assessment, instrument="EIT").count == 0


def test_a_failing_transaction_leaves_no_half_counted_response(eit: Any) -> None:
    import uuid

    from prongsai.surveys.services import response_submit

    class Boom(Exception):
        pass

    try:
        with transaction.atomic():
            response_submit(campaign=eit, submission_id=uuid.uuid4(), answers={"e1": 4}, profile={})
            raise Boom
    except Boom:
        pass
    assert Response.objects.count() == 0
    assert survey_tallies(eit.assessment)["EIT"]["respondents"] == 0


def test_rebuilding_the_counters_from_the_responses_changes_nothing(client: Any, eit: Any) -> None:
    for _ in range(3):
        assert Client().post(eit_url(eit), eit_fields(eit)).status_code == 200
    before = survey_tallies(eit.assessment)
    result = tallies_rebuild(actor="tests", assessment=eit.assessment, instrument="EIT")
    assert result == {"respondents": 3, "recounted": 3}
    assert survey_tallies(eit.assessment) == before


def test_rebuilding_repairs_counters_that_drifted(client: Any, eit: Any) -> None:
    client.post(eit_url(eit), eit_fields(eit))
    AnswerTally.objects.filter(assessment=eit.assessment, key="e1", level=3).update(count=7)
    tallies_rebuild(actor="tests", assessment=eit.assessment, instrument="EIT")
    assert survey_tallies(eit.assessment)["EIT"]["counts"]["e1"][3] == 1


def test_responses_per_day(client: Any, eit: Any) -> None:
    client.post(eit_url(eit), eit_fields(eit))
    series = responses_per_day(eit.assessment)
    assert series["EIT"].total == 1 and len(series["EIT"].bars) == 1
    assert series["IIT"].days == []


def test_a_counter_missing_for_a_level_is_created_on_the_fly(client: Any, eit: Any) -> None:
    """E.g. a level added to a framework after the campaign was set up."""
    AnswerTally.objects.filter(assessment=eit.assessment, key__in=["e1", "e2"], level=3).delete()
    assert Client().post(eit_url(eit), eit_fields(eit)).status_code == 200
    counts = survey_tallies(eit.assessment)["EIT"]["counts"]
    assert counts["e1"][3] == 1 and counts["e2"][3] == 1 and counts["e5"][3] == 1
    assert sum(counts["e1"].values()) == 1


def test_survey_recount_finds_and_repairs_drift(client: Any, eit: Any) -> None:
    import io

    import pytest
    from django.core.management import CommandError, call_command

    assert Client().post(eit_url(eit), eit_fields(eit)).status_code == 200
    out = io.StringIO()
    call_command("survey_recount", unit="kalasin-immigration", year=2567, stdout=out)
    assert (
        "EIT: 1 responses stored, counters say 1; 0 answer counters differ — ok" in out.getvalue()
    )
    RespondentTally.objects.filter(assessment=eit.assessment, instrument="EIT").update(count=5)
    with pytest.raises(CommandError, match="EIT"):
        call_command("survey_recount", unit="kalasin-immigration", year=2567, stdout=io.StringIO())
    call_command("survey_recount", unit="kalasin-immigration", year=2567, repair=True,
                 stdout=io.StringIO())  # fmt: skip
    assert survey_tallies(eit.assessment)["EIT"]["respondents"] == 1

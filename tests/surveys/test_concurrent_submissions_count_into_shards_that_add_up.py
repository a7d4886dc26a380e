"""Submissions count into several rows per counter (on PostgreSQL concurrent ones then do not
wait for each other's commit on one row); everything that reads the counters adds them up, so
the scoring input, the respondent count, the drift check and the rate limit are unchanged."""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from prongsai.assessments.models import Assessment
from prongsai.core.statements import execute_all
from prongsai.scoring.inputs import scoring_input_for
from prongsai.scoring.selectors import score_now
from prongsai.scoring.services import snapshot_current
from prongsai.surveys import ratelimit
from prongsai.surveys.models import AnswerTally, RespondentTally, Response
from prongsai.surveys.selectors import respondent_count, survey_tallies, tally_drift
from prongsai.surveys.services import response_submit, responses, tallies_rebuild

from .conftest import eit_fields, eit_url


@pytest.fixture
def cycling_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each submission in the next of four shards (as random shards on PostgreSQL would)."""
    shards = itertools.cycle(range(4))
    monkeypatch.setattr(responses, "tally_shard", lambda: next(shards))


def _post(eit: Any, **answers: str) -> None:
    assert Client().post(eit_url(eit), eit_fields(eit, **answers)).status_code == 200


@pytest.mark.usefixtures("cycling_shards")
def test_answers_in_several_shards_give_the_scoring_input_of_their_recount(eit: Any) -> None:
    levels = ["4", "3", "2", "1", "4", "4", "2"]
    for level in levels:
        _post(eit, a_e1=level)
    assessment = eit.assessment
    assert set(
        RespondentTally.objects.filter(assessment=assessment).values_list("shard", flat=True)
    ) == {0, 1, 2, 3}
    tally = scoring_input_for(assessment).surveys["EIT"]
    assert tally.respondents == len(levels) == respondent_count(eit)
    assert tally.counts["e1"] == dict(Counter(int(level) for level in levels))
    assert tally.counts["e2"] == {3: len(levels)}
    assert survey_tallies(assessment)["EIT"]["counts"]["e1"] == tally.counts["e1"]
    drift = tally_drift(assessment, "EIT")
    assert not drift.changed and drift.rows == drift.counted == len(levels)
    result = snapshot_current(assessment).result
    assert result["respondents"]["EIT"]["count"] == len(levels)


@pytest.mark.usefixtures("cycling_shards")
def test_a_retry_counted_in_another_shard_is_still_stored_and_counted_once(eit: Any) -> None:
    fields = eit_fields(eit)
    assert Client().post(eit_url(eit), fields).status_code == 200
    assert Client().post(eit_url(eit), fields).status_code == 200  # the next shard: a retry
    assert Response.objects.filter(submission_id=fields["submission_id"]).count() == 1
    assert respondent_count(eit) == 1
    assert (
        sum(
            AnswerTally.objects.filter(assessment=eit.assessment, key="e1").values_list(
                "count", flat=True
            )
        )
        == 1
    )


@pytest.mark.usefixtures("cycling_shards")
def test_rebuilding_folds_the_shards_into_one_row_per_counter(eit: Any) -> None:
    for _ in range(5):
        _post(eit)
    AnswerTally.objects.filter(assessment=eit.assessment, key="e1", level=3, shard=2).update(
        count=9
    )
    assert tally_drift(eit.assessment, "EIT").changed
    tallies_rebuild(actor="tests", assessment=eit.assessment, instrument="EIT")
    assert scoring_input_for(eit.assessment).surveys["EIT"].counts["e1"] == {3: 5}
    assert set(
        AnswerTally.objects.filter(assessment=eit.assessment).values_list("shard", flat=True)
    ) == {0}
    assert respondent_count(eit) == 5


@pytest.mark.django_db
def test_the_rate_limit_counts_an_addresses_hits_over_all_its_shards() -> None:
    """Three a minute: the fourth request is refused although each of its rows counted one."""
    base = ratelimit.rate_prepare(scope="eit", address="203.0.113.9", limit=3)
    seen = []
    with pytest.raises(ratelimit.RateLimited):
        for shard in range(ratelimit.RATE_SHARDS):
            hit = ratelimit.RateHit(base.digest, base.minute, 3, shard=shard, spread=True)
            with transaction.atomic():
                own, total = (
                    outcome.row for outcome in execute_all(ratelimit.rate_statements(hit))
                )
                assert own is not None and total is not None
                seen.append(ratelimit.rate_settle(hit, int(own[0]), int(total[0])))
    assert seen == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_a_submission_on_its_own_marks_the_score_stale_once_committed(eit: Any) -> None:
    """Outside an outer transaction (a web request in production) the inputs version is bumped
    after the answers' commit (PostgreSQL: in a short transaction of its own): a snapshot made
    before no longer passes for current."""
    assessment = eit.assessment
    snapshot_current(assessment)
    version = Assessment.objects.get(pk=assessment.pk).inputs_version
    assert score_now(assessment).stored
    answers = {
        key[2:]: int(value) for key, value in eit_fields(eit).items() if key.startswith("a_")
    }
    assert response_submit(campaign=eit, submission_id=uuid.uuid4(), answers=answers, profile={})
    assert Assessment.objects.get(pk=assessment.pk).inputs_version > version
    now = score_now(assessment)
    assert now.result["respondents"]["EIT"]["count"] == 1

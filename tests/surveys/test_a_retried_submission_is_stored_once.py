"""Never lose, never double: a submission id is stored once, and a retry gets the same 2xx."""

from __future__ import annotations

import threading
import time
import uuid
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from prongsai.surveys.models import RespondentTally, Response
from prongsai.surveys.services import ballot_box_flush, response_submit

from .conftest import (
    eit_fields,
    eit_url,
    good_answers,
    iit_received,
    iit_url,
    new_codes,
    redeem,
)


def _respondents(campaign: Any) -> int:
    return sum(  # a counter's shards add up
        RespondentTally.objects.filter(
            assessment=campaign.assessment, instrument=campaign.instrument
        ).values_list("count", flat=True)
    )


def test_an_eit_retry_is_answered_with_the_same_success_and_stored_once(
    client: Any, eit: Any
) -> None:
    fields = eit_fields(eit)
    first = client.post(eit_url(eit), fields)
    assert first.status_code == 200
    assert first["X-Submission-Id"] == fields["submission_id"]
    # The same post again (e.g. the connection dropped before the answer arrived), from a
    # browser that did not get the cookie either.
    fresh_browser = Client()
    retry = fresh_browser.post(eit_url(eit), fields)
    assert retry.status_code == 200
    assert retry["X-Submission-Id"] == fields["submission_id"]
    assert Response.objects.filter(submission_id=fields["submission_id"]).count() == 1
    assert _respondents(eit) == 1


def test_a_retry_is_still_a_success_after_the_campaign_closed(client: Any, eit: Any) -> None:
    from prongsai.surveys.services import campaign_close_now

    fields = eit_fields(eit)
    assert client.post(eit_url(eit), fields).status_code == 200
    campaign_close_now(actor="tests", campaign=eit)
    assert Client().post(eit_url(eit), fields).status_code == 200
    assert Response.objects.count() == 1


def test_a_retry_is_a_success_whatever_would_refuse_a_new_answer_now(
    client: Any, eit: Any, settings: Any, monkeypatch: Any
) -> None:
    """The device mark the first answer set, a limit reached since, a form expired since: the
    retry of a stored answer is still answered as the original was, and stored once."""
    now = time.time
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now() - 3600))
    fields = eit_fields(eit)  # the form was opened an hour ago
    monkeypatch.undo()
    assert client.post(eit_url(eit), fields).status_code == 200
    # From the same browser, which now carries the device mark.
    assert client.post(eit_url(eit), fields).status_code == 200
    settings.SURVEY_RATE_LIMIT_PER_MINUTE = 1  # the first answer used this minute's only one
    assert Client().post(eit_url(eit), fields).status_code == 200
    settings.SURVEY_CHALLENGE_MAX_AGE = 600  # forms now expire after 10 minutes
    retry = Client().post(eit_url(eit), fields)
    assert retry.status_code == 200 and retry["X-Submission-Id"] == fields["submission_id"]
    assert Response.objects.count() == 1
    assert _respondents(eit) == 1
    # A new answer is refused for each of these reasons.
    expired = {**fields, "submission_id": str(uuid.uuid4())}
    assert Client().post(eit_url(eit), expired).status_code == 400
    assert Response.objects.count() == 1


def test_an_iit_retry_is_stored_once(client: Any, iit: Any) -> None:
    ballot = redeem(client, iit, new_codes(iit, 1)[0])
    fields = {**good_answers(iit), "ballot": ballot, "submission_id": str(uuid.uuid4())}
    assert client.post(iit_url(iit), fields).status_code == 200
    assert client.post(iit_url(iit), fields).status_code == 200
    assert iit_received(iit) == 1
    ballot_box_flush(campaign_id=iit.pk, everything=True)
    assert Response.objects.filter(campaign=iit).count() == 1
    assert _respondents(iit) == 1


def test_the_service_reports_a_retry_without_storing_again(eit: Any) -> None:
    submission_id = uuid.uuid4()
    answers = {"e1": 4, "e2": 3}
    assert response_submit(campaign=eit, submission_id=submission_id, answers=answers, profile={})
    assert not response_submit(
        campaign=eit, submission_id=submission_id, answers=answers, profile={}
    )
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_store_one_row(tree: Any, people: Any, assessment: Any) -> None:
    """Several copies of one post racing each other (real transactions, separate threads).

    Needs a database with real concurrent connections: PostgreSQL (CI) or an SQLite file; the
    in-memory SQLite test database locks whole tables instead. bench/surveys_ladder.py races
    retries against SQLite files and PostgreSQL under load.
    """
    from django.db import connection, connections

    from prongsai.surveys.models import Campaign

    if connection.vendor == "sqlite" and connection.is_in_memory_db():  # type: ignore[attr-defined]
        pytest.skip("in-memory SQLite has no concurrent connections")

    from .conftest import open_campaign

    eit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    fields = eit_fields(eit)
    statuses: list[int] = []

    def post() -> None:
        try:
            statuses.append(Client().post(eit_url(eit), fields).status_code)
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200, 200, 200]
    assert Response.objects.filter(submission_id=fields["submission_id"]).count() == 1
    assert _respondents(eit) == 1

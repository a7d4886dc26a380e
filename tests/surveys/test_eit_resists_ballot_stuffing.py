"""Ballot stuffing without third parties: a rate limit per address, one answer per device, a
honeypot, and a single-use proof of work (or, without JavaScript, a sum and a minimum time)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from prongsai.surveys import tokens
from prongsai.surveys.models import RateCounter, Response

from .conftest import eit_fields, eit_url


def test_each_address_is_limited_per_minute(eit: Any, settings: Any, unchanged: Any) -> None:
    settings.SURVEY_RATE_LIMIT_PER_MINUTE = 3
    for _ in range(3):
        assert Client(REMOTE_ADDR="10.0.0.7").post(eit_url(eit), eit_fields(eit)).status_code == 200
    check = unchanged()
    refused = Client(REMOTE_ADDR="10.0.0.7").post(eit_url(eit), eit_fields(eit))
    assert refused.status_code == 429
    check()
    # Another address is not affected.
    assert Client(REMOTE_ADDR="10.0.0.8").post(eit_url(eit), eit_fields(eit)).status_code == 200
    # Addresses are never stored, only keyed hashes per minute.
    for row in RateCounter.objects.all():
        assert "10.0.0" not in row.digest


def test_one_answer_per_device(client: Any, eit: Any, unchanged: Any) -> None:
    client.cookies.load({"django_language": "en"})
    assert client.post(eit_url(eit), eit_fields(eit)).status_code == 200
    # The same browser comes back: a polite message instead of a second form.
    page = client.get(eit_url(eit))
    assert page.status_code == 200
    assert "already answered" in page.content.decode()
    assert "survey-form" not in page.content.decode()
    check = unchanged()
    again = client.post(eit_url(eit), eit_fields(eit))
    assert again.status_code == 409
    assert "already answered" in again.content.decode()
    check()


def test_the_device_mark_cannot_be_forged_or_moved(client: Any, eit: Any) -> None:
    name = tokens.device_cookie_name(eit.pk)
    client.cookies.load({name: "forged"})
    assert "survey-form" in client.get(eit_url(eit)).content.decode()
    assert not tokens.device_has_answered(tokens.device_mark("another-campaign"), eit.pk)


def test_a_filled_honeypot_is_refused(client: Any, eit: Any, unchanged: Any) -> None:
    check = unchanged()
    response = client.post(eit_url(eit), eit_fields(eit, hp_note="http://spam.example"))
    assert response.status_code == 400
    check()


def test_a_solved_challenge_works_once(eit: Any, unchanged: Any) -> None:
    fields = eit_fields(eit)
    assert Client().post(eit_url(eit), fields).status_code == 200
    check = unchanged()
    # The same solved challenge with a new submission id (a bot replaying one solution).
    reused = dict(fields, submission_id="0d6a3b0e-1b8c-4c39-9f0a-3f7a1b2c4d5e")
    assert Client().post(eit_url(eit), reused).status_code == 409
    check()


def test_a_wrong_proof_of_work_is_refused(eit: Any, settings: Any, unchanged: Any) -> None:
    settings.SURVEY_POW_BITS = 12
    challenge = tokens.challenge_issue(eit.pk)
    wrong = "0"
    while tokens.pow_ok(challenge, wrong):  # find a nonce that does NOT solve it
        wrong += "0"
    check = unchanged()
    fields = eit_fields(eit, challenge=challenge.token, pow=wrong)
    assert Client().post(eit_url(eit), fields).status_code == 400
    check()
    fields["pow"] = tokens.pow_solve(challenge.token, challenge.bits)
    assert Client().post(eit_url(eit), fields).status_code == 200


def test_without_javascript_a_sum_and_some_time_replace_the_proof_of_work(
    eit: Any, settings: Any, unchanged: Any
) -> None:
    challenge = tokens.challenge_issue(eit.pk)
    fields = eit_fields(eit, challenge=challenge.token, pow="", sum=str(challenge.a + challenge.b))
    check = unchanged()
    too_fast = Client().post(eit_url(eit), fields)  # seconds after the form was made
    assert too_fast.status_code == 400
    settings.SURVEY_MIN_SECONDS_WITHOUT_JS = 0
    wrong_sum = Client().post(eit_url(eit), dict(fields, sum=str(challenge.a + challenge.b + 1)))
    assert wrong_sum.status_code == 400
    check()
    assert Client().post(eit_url(eit), fields).status_code == 200
    assert Response.objects.count() == 1


def test_the_form_carries_a_fresh_challenge_and_submission_id(client: Any, eit: Any) -> None:
    first, second = client.get(eit_url(eit)), client.get(eit_url(eit))
    assert first.context["submission_id"] != second.context["submission_id"]
    assert first.context["challenge"].token != second.context["challenge"].token
    html = first.content.decode()
    assert 'name="hp_note"' in html and 'tabindex="-1"' in html

"""Bad answers get a clear message and change nothing: no response, no counter, no token spent."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from .conftest import eit_fields, eit_url, good_answers, iit_url, new_codes, redeem


def _text(response: Any) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"a_e99": "4"}, "e99"),  # a question the framework does not have
        ({"a_e1": "7"}, "7"),  # a value outside the scale
        ({"a_e4": "3"}, "3"),  # 3 is not on the yes/no scale
        ({"a_e1": ""}, "Please answer this question"),  # a required answer missing
        ({"p_p1": "martian"}, "martian"),  # a respondent category that does not exist
        ({"p_p1": ""}, "Please answer this question"),  # a required category missing
    ],
)
def test_eit_answers_outside_the_framework_are_refused(
    client: Any, eit: Any, unchanged: Any, change: dict[str, str], message: str
) -> None:
    client.cookies.load({"django_language": "en"})
    check = unchanged()
    response = client.post(eit_url(eit), eit_fields(eit, **change))
    assert response.status_code == 400
    assert message in _text(response)
    assert 'role="alert"' in _text(response)
    check()


def test_a_missing_answer_is_shown_next_to_its_question(client: Any, eit: Any) -> None:
    client.cookies.load({"django_language": "en"})
    fields = eit_fields(eit)
    del fields["a_e3"]
    response = client.post(eit_url(eit), fields)
    assert response.status_code == 400
    assert 'href="#q-e3"' in _text(response)  # the error summary links to the question
    # The other answers are kept, and the same submission id is reused for the next try.
    assert 'name="a_e1" value="3" checked' in _text(response)
    assert fields["submission_id"] in _text(response)


@pytest.mark.parametrize(
    "change",
    [
        {"a_e1": "4" * 5000},  # an oversized answer
        {"hp_note": "x" * 600},  # an oversized field of any kind
        {"submission_id": "not-a-uuid"},
        {"submission_id": "1" * 500},
    ],
)
def test_oversized_or_malformed_fields_are_refused(
    client: Any, eit: Any, unchanged: Any, change: dict[str, str]
) -> None:
    check = unchanged()
    response = client.post(eit_url(eit), eit_fields(eit, **change))
    assert response.status_code == 400
    check()


def test_a_body_larger_than_a_survey_is_refused(
    client: Any, eit: Any, unchanged: Any, settings: Any
) -> None:
    settings.SURVEY_MAX_BODY_BYTES = 4000
    check = unchanged()
    response = client.post(eit_url(eit), eit_fields(eit, a_extra="x" * 5000))
    assert response.status_code == 413
    check()


def test_too_many_fields_are_refused(client: Any, eit: Any, unchanged: Any) -> None:
    check = unchanged()
    junk = {f"junk{n}": "1" for n in range(60)}
    assert client.post(eit_url(eit), eit_fields(eit, **junk)).status_code == 400
    check()


def test_a_missing_or_forged_check_is_refused(client: Any, eit: Any, unchanged: Any) -> None:
    check = unchanged()
    assert client.post(eit_url(eit), eit_fields(eit, challenge="forged")).status_code == 400
    assert client.post(eit_url(eit), eit_fields(eit, pow="")).status_code == 400
    check()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"a_i99": "4"}, "i99"),
        ({"a_i1": "4"}, "i1.1"),  # a question with sub-items is answered per sub-item
        ({"a_i4.1": "2"}, "2"),  # yes/no question
        ({"a_i2": ""}, "Please answer this question"),
    ],
)
def test_iit_bad_answers_keep_the_ballot_unspent(
    client: Any, iit: Any, unchanged: Any, change: dict[str, str], message: str
) -> None:
    client.cookies.load({"django_language": "en"})
    ballot = redeem(client, iit, new_codes(iit, 1)[0])
    check = unchanged()
    fields = {**good_answers(iit), "ballot": ballot, "submission_id": str(uuid.uuid4()), **change}
    response = client.post(iit_url(iit), fields)
    assert response.status_code == 400
    assert message in _text(response)
    check()
    # The respondent corrects the answer and sends again with the same ballot.
    fields.update(good_answers(iit))
    fields.pop("a_i99", None)
    fields.pop("a_i1", None)
    assert client.post(iit_url(iit), fields).status_code == 200


def test_a_forged_ballot_is_refused(client: Any, iit: Any, unchanged: Any) -> None:
    check = unchanged()
    fields = {**good_answers(iit), "ballot": "abc:def", "submission_id": str(uuid.uuid4())}
    assert client.post(iit_url(iit), fields).status_code == 400
    check()


def test_a_ballot_of_another_campaign_is_refused(client: Any, iit: Any, eit: Any) -> None:
    from prongsai.surveys.tokens import ballot_issue

    foreign = ballot_issue(eit.pk).token  # signed, but for the EIT campaign
    fields = {**good_answers(iit), "ballot": foreign, "submission_id": str(uuid.uuid4())}
    assert client.post(iit_url(iit), fields).status_code == 400

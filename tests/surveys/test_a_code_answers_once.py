"""An IIT access code opens the survey once; its answers are stored once; it cannot be reused."""

from __future__ import annotations

import uuid
from typing import Any

from prongsai.surveys.models import AccessCode

from .conftest import good_answers, iit_received, iit_url, new_codes, redeem


def test_a_code_opens_the_form_then_is_used_up(client: Any, iit: Any) -> None:
    code = new_codes(iit, 2)[0]
    assert AccessCode.objects.count() == 2
    ballot = redeem(client, iit, code)
    assert AccessCode.objects.count() == 1  # the redeemed code is gone

    fields = {**good_answers(iit), "ballot": ballot, "submission_id": str(uuid.uuid4())}
    response = client.post(iit_url(iit), fields)
    assert response.status_code == 200
    assert "X-Submission-Id" not in response  # no receipt that could point at the answers
    assert iit_received(iit) == 1

    again = client.post(iit_url(iit), {"code": code})
    assert again.status_code == 400
    assert "ballot" not in again.context or again.context.get("ballot") is None
    assert iit_received(iit) == 1


def test_a_ballot_answers_once_even_with_a_new_submission_id(client: Any, iit: Any) -> None:
    ballot = redeem(client, iit, new_codes(iit, 1)[0])
    first = {**good_answers(iit), "ballot": ballot, "submission_id": str(uuid.uuid4())}
    assert client.post(iit_url(iit), first).status_code == 200
    second = {**good_answers(iit, 4), "ballot": ballot, "submission_id": str(uuid.uuid4())}
    refused = client.post(iit_url(iit), second)
    assert refused.status_code == 409
    assert iit_received(iit) == 1


def test_codes_are_normalised_and_unknown_codes_rejected(client: Any, iit: Any) -> None:
    code = new_codes(iit, 1)[0]
    messy = f" {code[:5].lower()} - {code[5:]} "
    assert client.post(iit_url(iit), {"code": "ZZZZZZZZZZ"}).status_code == 400
    assert AccessCode.objects.count() == 1
    assert client.post(iit_url(iit), {"code": messy}).status_code == 200
    assert AccessCode.objects.count() == 0


def test_a_code_of_another_unit_does_not_open_this_survey(
    client: Any, iit: Any, tree: Any, framework: Any
) -> None:
    from prongsai.assessments.services import assessment_open
    from prongsai.surveys.models import Campaign

    from .conftest import open_campaign

    other = assessment_open(
        actor="tests", unit=tree.sibling, framework=framework, headcount_internal=40
    )
    other_iit = open_campaign(Campaign.objects.get(assessment=other, instrument="IIT"))
    foreign = new_codes(other_iit, 1)[0]
    assert client.post(iit_url(iit), {"code": foreign}).status_code == 400
    assert AccessCode.objects.filter(batch__campaign=other_iit).count() == 1


def test_a_half_finished_survey_can_be_continued_in_the_same_browser(client: Any, iit: Any) -> None:
    ballot = redeem(client, iit, new_codes(iit, 1)[0])
    page = client.get(iit_url(iit))  # the browser kept the ballot in a cookie
    assert page.status_code == 200
    assert page.context["ballot"].token == ballot
    fields = {**good_answers(iit), "ballot": ballot, "submission_id": str(uuid.uuid4())}
    done = client.post(iit_url(iit), fields)
    assert done.status_code == 200
    assert client.get(iit_url(iit)).context.get("ballot") is None  # back to the code page

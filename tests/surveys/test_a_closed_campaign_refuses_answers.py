"""Only an open campaign takes answers: not before its opening day, not after it closes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from prongsai.surveys import tokens
from prongsai.surveys.models import Campaign, CampaignState
from prongsai.surveys.services import (
    campaign_close_now,
    campaign_open_now,
    campaign_update,
)

from .conftest import eit_fields, eit_url, good_answers, iit_url, new_codes, redeem


def _dates(campaign: Campaign, opens: dt.date | None, closes: dt.date | None) -> Campaign:
    return campaign_update(
        actor="tests", campaign=campaign, opens_on=opens, closes_on=closes, target_override=None
    )


def test_the_state_follows_the_dates(eit: Any) -> None:
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    assert _dates(eit, None, None).state == CampaignState.NOT_OPEN
    assert _dates(eit, today + day, None).state == CampaignState.NOT_OPEN
    assert _dates(eit, today, today).state == CampaignState.OPEN  # both days included
    assert _dates(eit, today - 9 * day, today - day).state == CampaignState.CLOSED
    eit = campaign_open_now(actor="tests", campaign=eit)
    assert eit.state == CampaignState.OPEN and eit.closes_on is None
    assert campaign_close_now(actor="tests", campaign=eit).state == CampaignState.CLOSED


def test_a_closed_eit_campaign_refuses_answers(client: Any, eit: Any, unchanged: Any) -> None:
    client.cookies.load({"django_language": "en"})
    campaign_close_now(actor="tests", campaign=eit)
    page = client.get(eit_url(eit))
    assert page.status_code == 200
    assert "This survey is closed" in page.content.decode()
    check = unchanged()
    response = client.post(eit_url(eit), eit_fields(eit))
    assert response.status_code == 403
    assert "This survey is closed" in response.content.decode()
    check()


def test_a_survey_not_open_yet_refuses_answers(client: Any, eit: Any, unchanged: Any) -> None:
    client.cookies.load({"django_language": "en"})
    _dates(eit, timezone.localdate() + dt.timedelta(days=3), None)
    assert "not open yet" in client.get(eit_url(eit)).content.decode()
    check = unchanged()
    assert client.post(eit_url(eit), eit_fields(eit)).status_code == 403
    check()


def test_a_closed_iit_campaign_keeps_codes_and_refuses_answers(
    client: Any, iit: Any, unchanged: Any
) -> None:
    codes = new_codes(iit, 2)
    ballot = redeem(client, iit, codes[0])
    campaign_close_now(actor="tests", campaign=iit)
    check = unchanged()
    # Entering a code does not use it up while the survey is closed…
    assert client.post(iit_url(iit), {"code": codes[1]}).status_code == 403
    # …and answers with a ballot from before the closing are refused.
    fields = {**good_answers(iit), "ballot": ballot, "submission_id": str(uuid.uuid4())}
    assert client.post(iit_url(iit), fields).status_code == 403
    check()
    # Opened again, the same ballot and the unused code both still work.
    campaign_open_now(actor="tests", campaign=iit)
    assert client.post(iit_url(iit), fields).status_code == 200
    assert client.post(iit_url(iit), {"code": codes[1]}).status_code == 200


def test_closing_takes_effect_on_the_very_next_answer(client: Any, eit: Any) -> None:
    """The public link's campaign is kept per process for speed; its open/closed state is not."""
    client.cookies.load({"django_language": "en"})
    assert client.post(eit_url(eit), eit_fields(eit)).status_code == 200  # now kept
    client.cookies.pop(tokens.device_cookie_name(eit.pk), None)  # another device
    campaign_close_now(actor="tests", campaign=eit)
    response = client.post(eit_url(eit), eit_fields(eit))
    assert response.status_code == 403
    assert "This survey is closed" in response.content.decode()

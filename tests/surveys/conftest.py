"""Survey fixtures: open campaigns, valid answer sheets and posts, counting helpers."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from prongsai.assessments.models import Assessment
from prongsai.surveys import tokens
from prongsai.surveys.answers import ANSWER_PREFIX, PROFILE_PREFIX, layout_for
from prongsai.surveys.models import (
    AccessCode,
    AnswerTally,
    Campaign,
    PendingSheet,
    RespondentTally,
    Response,
    SpentToken,
)
from prongsai.surveys.services import campaign_update, code_batch_create


@pytest.fixture(autouse=True)
def _light_checks(settings: Any) -> None:
    """A cheap proof of work keeps tests fast; the check itself is unchanged."""
    settings.SURVEY_POW_BITS = 4


def open_campaign(campaign: Campaign) -> Campaign:
    return campaign_update(
        actor="tests",
        campaign=campaign,
        opens_on=dt.date(2024, 1, 1),
        closes_on=None,
        target_override=None,
    )


@pytest.fixture
def eit(assessment: Any) -> Campaign:
    return open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))


@pytest.fixture
def iit(assessment: Any) -> Campaign:
    return open_campaign(Campaign.objects.get(assessment=assessment, instrument="IIT"))


def good_answers(campaign: Campaign, level: int = 3) -> dict[str, str]:
    """Form fields answering every question (level 3 on 4-level scales, "yes" on yes/no)."""
    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    fields = {}
    for key, question in layout.question_of_key.items():
        values = [lv.value for lv in layout.scale(question).levels]
        fields[f"{ANSWER_PREFIX}{key}"] = str(level if level in values else values[0])
    for pq in layout.profile:
        fields[f"{PROFILE_PREFIX}{pq.id}"] = pq.options[0].value
    return fields


def eit_fields(campaign: Campaign, **overrides: str) -> dict[str, str]:
    """A complete, valid EIT post: answers, a fresh submission id and a solved challenge."""
    challenge = tokens.challenge_issue(campaign.pk)
    fields = {
        **good_answers(campaign),
        "submission_id": str(uuid.uuid4()),
        "challenge": challenge.token,
        "pow": tokens.pow_solve(challenge.token, challenge.bits),
        "hp_note": "",
    }
    fields.update(overrides)
    return fields


def eit_url(campaign: Campaign) -> str:
    return reverse(
        "surveys:eit",
        kwargs={"slug": campaign.assessment.unit.slug, "year": campaign.assessment.year},
    )


def iit_url(campaign: Campaign) -> str:
    return reverse(
        "surveys:iit",
        kwargs={"slug": campaign.assessment.unit.slug, "year": campaign.assessment.year},
    )


def new_codes(campaign: Campaign, count: int = 3) -> list[str]:
    return code_batch_create(actor="tests", campaign=campaign, count=count).codes


def redeem(client: Any, campaign: Campaign, code: str) -> str:
    """Enter a code on the IIT page; returns the ballot token the form carries."""
    response = client.post(iit_url(campaign), {"code": code})
    assert response.status_code == 200, response.content.decode()[:500]
    ballot = response.context["ballot"]
    assert ballot is not None
    return str(ballot.token)


def iit_received(campaign: Campaign) -> int:
    """IIT answer sheets received: written as responses, or still waiting in the ballot box."""
    return (
        Response.objects.filter(campaign=campaign).count()
        + PendingSheet.objects.filter(campaign=campaign).count()
    )


def stored_state() -> dict[str, Any]:
    """Everything a submission may change, to prove a refused one changed nothing."""
    return {
        "responses": Response.objects.count(),
        "waiting": PendingSheet.objects.count(),
        "spent": SpentToken.objects.count(),
        "codes": AccessCode.objects.count(),
        "respondents": sorted(RespondentTally.objects.values_list("instrument", "count")),
        "answers": sum(AnswerTally.objects.values_list("count", flat=True)),
        "inputs_versions": sorted(Assessment.objects.values_list("inputs_version", flat=True)),
    }


@pytest.fixture
def unchanged() -> Callable[[], Callable[[], None]]:
    """``check = unchanged(); …; check()`` asserts nothing stored changed in between."""

    def start() -> Callable[[], None]:
        before = stored_state()

        def check() -> None:
            assert stored_state() == before

        return check

    return start

"""Targets come from the headcount by the framework's rule; an admin may override one, with a
reason that goes into the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.assessments.services import assessment_update
from prongsai.core.models import AuditEntry
from prongsai.surveys.models import Campaign
from prongsai.surveys.services import campaign_update


def test_an_opened_assessment_gets_both_campaigns_not_open(assessment: Any) -> None:
    campaigns = {c.instrument: c for c in Campaign.objects.filter(assessment=assessment)}
    assert set(campaigns) == {"IIT", "EIT"}
    assert all(c.state == "not_open" for c in campaigns.values())
    assert campaigns["IIT"].target == 12  # 12 staff: everyone
    assert campaigns["EIT"].target == 200  # 2,000 service users: 10%


def test_the_target_follows_a_new_headcount(assessment: Any) -> None:
    assessment_update(actor="tests", assessment=assessment, headcount_external=250)
    eit = Campaign.objects.get(assessment=assessment, instrument="EIT")
    assert eit.target == 30  # at least 30


def test_an_override_needs_a_reason_and_is_audited(assessment: Any, people: Any) -> None:
    eit = Campaign.objects.get(assessment=assessment, instrument="EIT")
    with pytest.raises(ValidationError):
        campaign_update(
            actor=people.admin, campaign=eit, opens_on=None, closes_on=None,
            target_override=150, target_override_reason="",
        )  # fmt: skip
    eit.refresh_from_db()
    assert eit.target_override is None
    campaign_update(
        actor=people.admin, campaign=eit, opens_on=None, closes_on=None, target_override=150,
        target_override_reason="ผู้รับบริการลดลงเพราะปิดปรับปรุงสำนักงาน 2 เดือน",
    )  # fmt: skip
    eit.refresh_from_db()
    assert eit.target == 150 and eit.computed_target == 200
    entry = AuditEntry.objects.filter(action="survey.campaign_update").latest("seq")
    assert entry.actor_label == "admin"
    assert entry.changes["target_override"] == [None, 150]
    assert "ปิดปรับปรุง" in entry.changes["target_override_reason"][1]
    assert entry.changes["computed_target"] == 200
    # Removing the override clears the reason too.
    campaign_update(
        actor=people.admin, campaign=eit, opens_on=None, closes_on=None, target_override=None,
        target_override_reason="leftover",
    )  # fmt: skip
    eit.refresh_from_db()
    assert eit.target == 200 and eit.target_override_reason == ""


def test_closing_before_opening_is_refused(assessment: Any) -> None:
    import datetime as dt

    eit = Campaign.objects.get(assessment=assessment, instrument="EIT")
    with pytest.raises(ValidationError):
        campaign_update(
            actor="tests", campaign=eit, opens_on=dt.date(2024, 3, 1),
            closes_on=dt.date(2024, 2, 1), target_override=None,
        )  # fmt: skip


def test_the_target_in_force_is_offered_to_the_scoring_engine(assessment: Any) -> None:
    from prongsai.surveys.selectors import survey_targets

    assert survey_targets(assessment) == {"IIT": 12, "EIT": 200}
    eit = Campaign.objects.get(assessment=assessment, instrument="EIT")
    campaign_update(
        actor="tests", campaign=eit, opens_on=None, closes_on=None, target_override=180,
        target_override_reason="สำนักงานปิดปรับปรุง 1 เดือน",
    )  # fmt: skip
    assert survey_targets(assessment) == {"IIT": 12, "EIT": 180}

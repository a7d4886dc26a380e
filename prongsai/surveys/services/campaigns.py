"""Campaigns: one per assessment and survey instrument, with dates, state and target."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_touch_inputs
from prongsai.core.audit import audit_record, changes_between, model_snapshot
from prongsai.frameworks.spec import SURVEY_INSTRUMENTS

from ..models import Campaign
from .ballot_box import ballot_box_close
from .tallies import tally_prepare

_AUDITED = ["opens_on", "closes_on", "closed_early", "target_override", "target_override_reason"]


@transaction.atomic
def campaign_setup(*, actor: Any, assessment: Assessment) -> list[Campaign]:
    """Make sure the assessment has a campaign (and zero counters) for each survey instrument of
    its framework. Idempotent; new campaigns start "not open"."""
    spec = assessment.framework.spec
    campaigns = []
    for instrument in spec.instruments:
        if instrument.id not in SURVEY_INSTRUMENTS or instrument.respondents == "none":
            continue
        campaign, created = Campaign.objects.get_or_create(
            assessment=assessment, instrument=instrument.id
        )
        tally_prepare(assessment_id=assessment.pk, spec=spec, instrument=instrument.id)
        if created:
            audit_record(
                actor=actor,
                action="survey.campaign_create",
                obj=campaign,
                unit_id=assessment.unit_id,
                changes={"instrument": instrument.id},
            )
        campaigns.append(campaign)
    return campaigns


def _clean(
    *,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    target_override: int | None,
    target_override_reason: str,
) -> str:
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The closing day cannot be before the opening day.")})
    reason = (target_override_reason or "").strip()
    if target_override is not None:
        if target_override < 1:
            raise ValidationError({"target_override": _("A target must be at least 1.")})
        if len(reason) < 10:
            raise ValidationError(
                {
                    "target_override_reason": _(
                        "Explain why the target differs from the framework's rule "
                        "(at least 10 characters)."
                    )
                }
            )
    else:
        reason = ""
    return reason


@transaction.atomic
def campaign_update(
    *,
    actor: Any,
    campaign: Campaign,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    target_override: int | None,
    target_override_reason: str = "",
) -> Campaign:
    reason = _clean(
        opens_on=opens_on,
        closes_on=closes_on,
        target_override=target_override,
        target_override_reason=target_override_reason,
    )
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = model_snapshot(campaign, _AUDITED)
    campaign.opens_on, campaign.closes_on = opens_on, closes_on
    campaign.target_override, campaign.target_override_reason = target_override, reason
    campaign.save()
    changes = changes_between(before, model_snapshot(campaign, _AUDITED))
    if changes:
        if "target_override" in changes:
            changes["computed_target"] = campaign.computed_target
            # The respondents' target is a scoring input (dashboard, rating caps).
            assessment_touch_inputs(assessment_id=campaign.assessment_id)
        audit_record(
            actor=actor,
            action="survey.campaign_update",
            obj=campaign,
            unit_id=campaign.assessment.unit_id,
            changes=changes,
        )
    if not campaign.is_open:
        ballot_box_close(campaign=campaign)  # no more answers: count the waiting ones now
    return campaign


@transaction.atomic
def campaign_open_now(*, actor: Any, campaign: Campaign) -> Campaign:
    """Open from today: clears an early close and a closing day already past."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = model_snapshot(campaign, _AUDITED)
    today = timezone.localdate()
    if campaign.opens_on is None or campaign.opens_on > today:
        campaign.opens_on = today
    if campaign.closes_on is not None and campaign.closes_on < today:
        campaign.closes_on = None
    campaign.closed_early = False
    campaign.save()
    changes = changes_between(before, model_snapshot(campaign, _AUDITED))
    if changes:
        audit_record(
            actor=actor,
            action="survey.campaign_open",
            obj=campaign,
            unit_id=campaign.assessment.unit_id,
            changes=changes,
        )
    return campaign


@transaction.atomic
def campaign_close_now(*, actor: Any, campaign: Campaign) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.closed_early:
        campaign.closed_early = True
        campaign.save(update_fields=["closed_early"])
        audit_record(
            actor=actor,
            action="survey.campaign_close",
            obj=campaign,
            unit_id=campaign.assessment.unit_id,
            changes={"closed_early": [False, True]},
        )
    ballot_box_close(campaign=campaign)  # the last IIT sheets are counted now
    return campaign

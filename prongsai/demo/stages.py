"""Demo step (last): each assessment's status follows the stage its story reached.

An assessment opens as "preparing"; it is "collecting" from the day its first survey campaign
opens, and "under review" from the day an evaluator first reviews one of its OIT items. Each change
goes through ``assessment_update`` (audited) on the day it happened. Idempotent.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Min
from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_update
from prongsai.disclosures.models import ItemWork
from prongsai.surveys.models import Campaign

from .clock import demo_day

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

ACTOR = "demo_load"
Status = Assessment.Status
_ORDER = [Status.PREPARING, Status.COLLECTING, Status.UNDER_REVIEW, Status.FINAL]


def stages(assessment: Assessment) -> list[tuple[Status, dt.date]]:
    """The stages the assessment's story reached, with the day each began."""
    out: list[tuple[Status, dt.date]] = []
    opened = Campaign.objects.filter(assessment=assessment).aggregate(first=Min("opens_on"))
    if opened["first"] is not None:
        out.append((Status.COLLECTING, opened["first"]))
    reviewed = ItemWork.objects.filter(assessment=assessment, reviewed_at__isnull=False).aggregate(
        first=Min("reviewed_at")
    )
    if reviewed["first"] is not None:
        out.append((Status.UNDER_REVIEW, timezone.localdate(reviewed["first"])))
    return out


def load_demo(ctx: DemoContext) -> None:
    for assessment in ctx.assessments.values():
        for status, day in stages(assessment):
            assessment.refresh_from_db()
            if _ORDER.index(Status(assessment.status)) >= _ORDER.index(status):
                continue
            with demo_day(day, hour=8):
                assessment_update(actor=ACTOR, assessment=assessment, status=status)

"""The demo's FY2567 story is written on the days the seed's unit lived it, not on the day the
demo is loaded: evidence, reviews, survey and plan entries and every audit entry fall inside fiscal
year 2567 (October 2566 – September 2567), the audit chain still verifies, campaigns have closing
days and each assessment's status follows the stage its story reached."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.core.audit import audit_check
from prongsai.core.models import AuditEntry
from prongsai.disclosures.models import Evidence, ItemWork
from prongsai.measures.models import PlanRow
from prongsai.surveys.models import Campaign

FY_START = dt.datetime(2023, 10, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
FY_END = dt.datetime(2024, 10, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _inside(value: dt.datetime | None) -> bool:
    return value is not None and FY_START <= value < FY_END


@pytest.mark.django_db
def test_the_story_is_dated_inside_the_fiscal_year_and_the_chain_verifies(
    full_demo: Any, client: Any, settings: Any
) -> None:

    outside = [e for e in AuditEntry.objects.all() if not _inside(e.created_at)]
    assert outside == [], [f"#{e.seq} {e.action} {e.created_at}" for e in outside[:5]]
    assert audit_check(()).problems == []

    evidence = Evidence.objects.all()
    assert evidence.exists()
    assert all(_inside(e.created_at) and _inside(e.updated_at) for e in evidence)
    assert all(_inside(e.published_at) for e in evidence if e.is_published)
    reviewed = ItemWork.objects.exclude(reviewed_at=None)
    assert reviewed.count() >= 24 and all(_inside(w.reviewed_at) for w in reviewed)
    assert all(_inside(w.submitted_at) for w in ItemWork.objects.exclude(submitted_at=None))
    assert all(_inside(r.updated_at) for r in PlanRow.objects.all())

    campaigns = Campaign.objects.all()
    seed_units = ["kalasin-immigration", "khonkaen-immigration", "mahasarakham-immigration",
                  "roiet-immigration", "donmueang-immigration"]  # fmt: skip
    assert campaigns.filter(assessment__unit__slug__in=seed_units).count() == 10
    assert not campaigns.filter(closes_on=None).exists()  # also the roll-up's 36 offices
    statuses = dict(Assessment.objects.values_list("unit__slug", "status"))
    assert statuses["kalasin-immigration"] == Assessment.Status.UNDER_REVIEW  # items reviewed
    assert statuses["roiet-immigration"] == Assessment.Status.COLLECTING  # only collecting yet

    # The public pages read as in the seed: last updated in 2567, never "today".
    this_year_be = str(timezone.localdate().year + 543)
    for code in ("O1", "O14"):
        url = reverse(
            "portal:oit_item", kwargs={"slug": "kalasin-immigration", "year": 2567, "code": code}
        )
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
        assert "2567" in page
        assert this_year_be not in page

    # O16 and O4 show generated evidence: Kalasin's complaints in several states (January 2567
    # above the suppression threshold, other months below it) and answered questions.
    from prongsai.complaints.models import Complaint
    from prongsai.inquiries.models import Question

    kalasin = Complaint.objects.filter(unit__slug="kalasin-immigration")
    assert len(set(kalasin.values_list("state", flat=True))) >= 4
    assert all(_inside(c.received_at) for c in kalasin)
    stats = client.get(
        reverse("complaints:statistics", kwargs={"slug": "kalasin-immigration"}) + "?year=2567"
    ).content.decode()
    assert '<td data-measure="received">6</td>' in stats  # January 2567: six cases
    assert '<td data-measure="received">&lt; 5</td>' in stats
    assert "ไม่มีเรื่องร้องเรียน" in stats
    published = Question.objects.filter(unit__slug="kalasin-immigration", state="published")
    assert published.count() >= 3
    qa = client.get(reverse("inquiries:public", kwargs={"slug": "kalasin-immigration"}))
    assert published.first().answer in qa.content.decode()  # type: ignore[union-attr]

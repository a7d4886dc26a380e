"""The demo unit shows the seed's figures: IIT 12 of 12, EIT 248 against a target of 200."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from prongsai.core.models import AuditEntry
from prongsai.demo import surveys as demo
from prongsai.demo.base import load_base
from prongsai.surveys.models import AccessCode, CodeBatch, Response


@pytest.mark.django_db
def test_ita_score_shows_the_seed_counts_and_loading_again_changes_nothing() -> None:
    ctx = load_base()
    demo.load_demo(ctx)
    out = io.StringIO()
    call_command("ita_score", unit="kalasin-immigration", year=2567, format="json", stdout=out)
    respondents = json.loads(out.getvalue())["respondents"]
    assert respondents["IIT"] == {"count": 12, "target": 12, "percent": 100.0, "enough": True}
    assert respondents["EIT"]["count"] == 248 and respondents["EIT"]["target"] == 200
    # The IIT answers came through 12 one-time codes, all used.
    batch = CodeBatch.objects.get(campaign__assessment__unit__slug="kalasin-immigration")
    assert batch.size == 12 and not AccessCode.objects.filter(batch=batch).exists()
    days = set(
        Response.objects.filter(campaign__assessment__unit__slug="kalasin-immigration").values_list(
            "submitted_on", flat=True
        )
    )
    assert min(days).isoformat() >= "2024-01-08" and max(days).isoformat() <= "2024-03-31"
    total, audit = Response.objects.count(), AuditEntry.objects.count()
    demo.load_demo(load_base())
    assert Response.objects.count() == total and AuditEntry.objects.count() == audit

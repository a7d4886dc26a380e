"""On the demo, the Kalasin unit's public O4 and O16 item pages show evidence generated from the
Q&A and complaint channels: the Q&A page and the ask form (O4); the channel and guideline page,
the statistics page and the six-month round's published statistics (PDF, CSV, JSON) (O16). The
published round (October 2566 – March 2567) has months below the suppression threshold ("< 5")
and one above it (January 2567, its count shown), and no row past March."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from prongsai.disclosures.models import Evidence
from prongsai.inquiries.models import Question
from prongsai.publications.models import Publication

SLUG = "kalasin-immigration"


@pytest.mark.django_db
def test_the_public_o4_and_o16_items_show_the_channels_generated_evidence(
    full_demo: Any, client: Any
) -> None:
    # (the demo as loaded once for the run, its documents rendered: tests/full_demo.py)

    def item_page(code: str) -> str:
        url = reverse("portal:oit_item", kwargs={"slug": SLUG, "year": 2567, "code": code})
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    o16 = item_page("O16")
    where = {"slug": SLUG, "year": 2567, "series": "complaint-statistics", "period": "h1"}
    files = {
        fmt: reverse("publications:file", kwargs={**where, "fmt": fmt})
        for fmt in ("pdf", "csv", "json")
    }
    for path in [*files.values(), f"/p/{SLUG}/complaints/", f"/p/{SLUG}/complaints/statistics/"]:
        assert path in o16, path
    o4 = item_page("O4")
    assert f"/p/{SLUG}/questions/" in o4 and f"/p/{SLUG}/questions/ask/" in o4
    generated = Evidence.objects.filter(
        work__assessment__unit__slug=SLUG, work__item__code__in=["O4", "O16"], url__contains="/p/"
    )
    assert generated.count() == 7 and all(e.is_published for e in generated)
    assert Publication.objects.filter(series="complaints.statistics", period="h1").count() == 3

    pdf = client.get(files["pdf"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    data = json.loads(b"".join(client.get(files["json"]).streaming_content))
    periods = {p["period"]: p for p in data["periods"]}
    assert set(periods) == {"m1", "m2", "m3", "m4", "m5", "m6", "q1", "q2", "r6"}
    assert periods["m4"]["received"] == "6"  # January 2567: above the threshold, shown
    assert periods["m2"]["received"] == "< 5" and periods["m3"]["received"] == "< 5"
    assert periods["m1"]["no_complaints"] is True  # October 2566: said so explicitly
    assert periods["r6"]["received"] == "12"  # and the quarters 6 and 6: nothing pins a month

    answered = Question.objects.filter(unit__slug=SLUG, published_at__isnull=False)
    assert answered.count() >= 3
    qa = client.get(reverse("inquiries:public", kwargs={"slug": SLUG})).content.decode()
    assert all(q.body in qa for q in answered)

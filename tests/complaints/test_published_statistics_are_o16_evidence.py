"""The statistics published as O16 evidence: an editor publishes the six-month round's figures
(October–March, the round the assessment reads) as PDF, CSV and JSON files at stable public
addresses (the shared publication mechanism); the addresses are added to item O16; publishing
again needs a reason and makes a new version; the twelve-month round is published apart."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import TestCase
from django.urls import reverse

from prongsai.complaints.models import Complaint
from prongsai.disclosures.models import Evidence
from prongsai.publications.models import Publication

from ..conftest import Personas, Tree
from .helpers import make_case


def _file(tree: Tree, fmt: str, period: str = "h1") -> str:
    return reverse(
        "publications:file",
        kwargs={
            "slug": tree.unit.slug,
            "year": 2567,
            "series": "complaint-statistics",
            "period": period,
            "fmt": fmt,
        },
    )


def _publish(client: Any, tree: Tree, **data: str) -> Any:
    url = reverse("complaints:statistics_publish", kwargs={"slug": tree.unit.slug, "year": 2567})
    with TestCase.captureOnCommitCallbacks(execute=True):  # the render tasks, as the worker
        return client.post(url, data)


def test_an_editor_publishes_pdf_csv_and_json_and_item_o16_lists_them(
    tree: Tree, people: Personas, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    case, _code = make_case(tree.unit)
    Complaint.objects.filter(pk=case.pk).update(received_at=dt.datetime(2024, 1, 10, tzinfo=dt.UTC))
    client.force_login(people.editor)
    page = reverse("complaints:statistics", kwargs={"slug": tree.unit.slug}) + "?year=2567"
    assert 'data-testid="publish-statistics"' in client.get(page).content.decode()
    assert _publish(client, tree).status_code == 302
    client.logout()
    pdf = client.get(_file(tree, "pdf"))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    data = json.loads(b"".join(client.get(_file(tree, "json")).streaming_content))
    assert data["fiscal_year"] == 2567 and data["threshold"] == 5
    periods = {p["period"]: p for p in data["periods"]}
    assert periods["r6"]["received"] == "< 5"  # one case: suppressed in the file too
    assert periods["m1"]["no_complaints"] is True
    # The six-month round only: no row of April–September says "no complaints" ahead of time.
    assert set(periods) == {"m1", "m2", "m3", "m4", "m5", "m6", "q1", "q2", "r6"}
    csv = b"".join(client.get(_file(tree, "csv")).streaming_content).decode("utf-8-sig")
    assert "ไม่มีเรื่องร้องเรียน" in csv and "< 5" in csv
    links = Evidence.objects.filter(work__assessment=assessment, work__item__code="O16")
    assert {e.url for e in links} == {
        f"https://ita.example.go.th{_file(tree, fmt)}" for fmt in ("pdf", "csv", "json")
    }
    assert "complaint-statistics/h1.pdf" in client.get(page).content.decode()


def test_the_twelve_month_round_is_published_apart_with_every_row(
    tree: Tree, people: Personas, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    client.force_login(people.editor)
    assert _publish(client, tree, period="h2").status_code == 302
    assert _publish(client, tree, period="year").status_code == 302  # refused: not a round
    client.logout()
    data = json.loads(b"".join(client.get(_file(tree, "json", "h2")).streaming_content))
    assert {"m12", "q4", "r6", "r12"} <= {p["period"] for p in data["periods"]}
    assert set(Publication.objects.values_list("period", flat=True)) == {"h2"}


def test_publishing_again_needs_a_reason_and_keeps_the_first_version(
    tree: Tree, people: Personas, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    client.force_login(people.editor)
    _publish(client, tree)
    _publish(client, tree)  # no reason: refused
    assert Publication.objects.filter(series="complaints.statistics").count() == 3
    _publish(client, tree, reason="ปรับปรุงตัวเลขถึงสิ้นเดือน")
    rows = Publication.objects.filter(series="complaints.statistics")
    assert rows.count() == 6
    assert (
        rows.filter(superseded_at__isnull=True).values_list("version", flat=True).distinct()[0] == 2
    )
    assert Evidence.objects.filter(work__assessment=assessment, work__item__code="O16").count() == 3


def test_a_viewer_or_a_handler_cannot_publish(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    for who in (people.viewer, people.handler):
        client.force_login(who)
        assert _publish(client, tree).status_code == 403
    assert not Publication.objects.exists()

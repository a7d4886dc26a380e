"""An editor of one unit can neither read nor change another unit's OIT items."""

from __future__ import annotations

from typing import Any

from prongsai.disclosures.models import Evidence

from ..conftest import Personas
from .conftest import item_url, unit_url
from .helpers import add_link


def test_an_editor_cannot_read_another_units_workspace_or_items(
    client: Any, people: Personas, assessment: Any, sibling_assessment: Any
) -> None:
    add_link(sibling_assessment, "O1")
    client.force_login(people.editor)  # editor of kalasin
    slug = "khonkaen-immigration"
    for url in (
        unit_url("workspace", slug),
        item_url("item", slug=slug),
        item_url("history", slug=slug),
        unit_url("links", slug),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(unit_url("export_xlsx", slug)).status_code == 404


def test_an_editor_cannot_change_another_units_items(
    client: Any, people: Personas, assessment: Any, sibling_assessment: Any
) -> None:
    evidence = add_link(sibling_assessment, "O1")
    client.force_login(people.editor)
    slug = "khonkaen-immigration"
    before = Evidence.objects.count()
    attempts = [
        (item_url("add_link", slug=slug), {"title": "x", "url": "https://example.com/x"}),
        (item_url("evidence_delete", slug=slug, evidence_id=evidence.pk), {}),
        (item_url("evidence_publish", slug=slug, evidence_id=evidence.pk), {"published": "0"}),
        (item_url("item_action", slug=slug), {"action": "submit"}),
        (item_url("item", slug=slug), {"answer_text": "hijack"}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 404, url
    assert Evidence.objects.count() == before
    evidence.refresh_from_db()
    assert evidence.is_published


def test_evidence_of_another_unit_cannot_be_reached_through_my_own_unit(
    client: Any, people: Personas, assessment: Any, sibling_assessment: Any
) -> None:
    """Swapping in another unit's evidence id under my own unit's URL finds nothing."""
    foreign = add_link(sibling_assessment, "O1")
    add_link(assessment, "O1")
    client.force_login(people.editor)
    url = item_url("evidence_delete", evidence_id=foreign.pk)
    assert client.post(url).status_code == 404
    assert Evidence.objects.filter(pk=foreign.pk).exists()


def test_a_viewer_of_the_parent_organisation_reads_but_cannot_change(
    client: Any, people: Personas, assessment: Any
) -> None:
    evidence = add_link(assessment, "O1")
    client.force_login(people.viewer)
    assert client.get(unit_url("workspace")).status_code == 200
    assert client.get(item_url("item")).status_code == 200
    assert (
        client.post(item_url("add_link"), {"title": "x", "url": "https://e.org"}).status_code == 403
    )
    assert client.post(item_url("evidence_delete", evidence_id=evidence.pk)).status_code == 403
    assert Evidence.objects.filter(work__assessment=assessment).count() == 1


def test_the_editor_of_the_unit_can_add_evidence_through_the_page(
    client: Any, people: Personas, assessment: Any
) -> None:
    client.force_login(people.editor)
    response = client.post(
        item_url("add_link"),
        {
            "title": "แผนผังโครงสร้าง",
            "url": "https://www.kalasin.example.go.th/o1",
            "period_start": "2023-10-01",
            "period_end": "2024-03-31",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(work__assessment=assessment)
    assert evidence.is_published and evidence.url.endswith("/o1")
    assert str(evidence.period_start) == "2023-10-01"

"""A read-only token is refused (403) on every write, whatever its user's role, and nothing is
written; a read-write token of an editor writes through the services, audited."""

from __future__ import annotations

from prongsai.core.models import AuditEntry
from prongsai.disclosures.models import Evidence
from prongsai.measures.models import ProgressUpdate

from .conftest import Api, Units, base, token

LINK = {"title": "รายงานผล", "url": "https://kalasin.immigration.go.th/report.pdf"}
PROGRESS = {
    "date": "2024-05-01",
    "text": "ประชุมแล้ว",
    "status": "in_progress",
    "idempotency_key": "u1",
}


def _counts() -> tuple[int, int, int]:
    return Evidence.objects.count(), ProgressUpdate.objects.count(), AuditEntry.objects.count()


def test_a_read_only_token_of_an_editor_cannot_write(units: Units) -> None:
    client = Api(token(units.people.editor, "read"))
    before = _counts()
    link = client.post(f"{base(units)}/oit-items/O1/evidence-links", LINK)
    progress = client.post(f"{base(units)}/plan-rows/{units.row_a.pk}/progress", PROGRESS)
    assert (link.status_code, progress.status_code) == (403, 403)
    assert "read-only" in link.json()["detail"]
    assert _counts() == before


def test_a_read_write_token_of_a_viewer_cannot_write_either(units: Units) -> None:
    client = Api(token(units.people.viewer, "read-write"))
    before = _counts()
    assert client.post(f"{base(units)}/oit-items/O1/evidence-links", LINK).status_code == 403
    assert client.get(f"{base(units)}/oit-items/O1").status_code == 200  # a viewer reads
    assert _counts() == before


def test_a_read_write_token_of_an_editor_writes_through_the_services(units: Units) -> None:
    client = Api(token(units.people.editor, "read-write"))
    link = client.post(f"{base(units)}/oit-items/O1/evidence-links", LINK)
    assert link.status_code == 201, link.content
    assert link.json()["url"] == LINK["url"] and link.json()["published"] is True
    evidence = Evidence.objects.get(url=LINK["url"])
    assert evidence.created_by == units.people.editor
    progress = client.post(f"{base(units)}/plan-rows/{units.row_a.pk}/progress", PROGRESS)
    assert progress.status_code == 201, progress.content
    again = client.post(f"{base(units)}/plan-rows/{units.row_a.pk}/progress", PROGRESS)
    assert again.json()["id"] == progress.json()["id"]  # the same key stores nothing twice
    actions = list(
        AuditEntry.objects.filter(actor_id=units.people.editor.pk).values_list("action", flat=True)
    )
    assert "oit.evidence.add" in actions and actions.count("progress.add") == 1
    detail = client.get(f"{base(units)}/oit-items/O1").json()
    assert [e["url"] for e in detail["evidence"]] == [LINK["url"]]


def test_a_write_the_item_state_refuses_is_a_409_problem(units: Units) -> None:
    from prongsai.disclosures.models import ItemWork
    from prongsai.frameworks.models import Item

    item = Item.objects.get(framework=units.a.framework, code="O2")
    ItemWork.objects.create(assessment=units.a, item=item, state="accepted")
    client = Api(token(units.people.editor, "read-write"))
    response = client.post(f"{base(units)}/oit-items/O2/evidence-links", LINK)
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"

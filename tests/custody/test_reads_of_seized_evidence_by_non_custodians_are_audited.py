"""Only the unit's custodians of seized evidence write the register; anyone else of the unit
may read it, and every such read (the list, a record, a photo) is in the audit log; a
custodian's reads are not."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.core.audit_text import describe
from prongsai.core.models import AuditEntry
from prongsai.custody.models import EvidencePhoto

from .helpers import evidence_custodian, photo, seized


def _reads() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="custody.evidence_read").order_by("seq"))


def test_reads_by_others_are_audited_and_by_custodians_not(
    tree: Any, people: Any, client: Any
) -> None:
    keeper = evidence_custodian(tree.unit)
    item = seized(tree.unit, keeper, photos=[photo()])
    stored = EvidencePhoto.objects.get()
    slug = tree.unit.slug
    urls = [
        reverse("custody:evidence", kwargs={"slug": slug}),
        reverse("custody:evidence_item", kwargs={"slug": slug, "seized_id": item.pk}),
        reverse(
            "custody:evidence_photo",
            kwargs={"slug": slug, "seized_id": item.pk, "evidence_photo_id": stored.pk},
        ),
    ]
    client.force_login(keeper)
    for url in urls:
        assert client.get(url).status_code == 200
    assert _reads() == []

    for person in (people.editor, people.head, people.viewer):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 200
    reads = _reads()
    assert len(reads) == 9
    assert {entry.actor_label for entry in reads} == {"editor", "head", "viewer"}
    assert [entry.changes["read"] for entry in reads[:3]] == ["list", "item", "photo"]
    assert all(entry.unit_id == str(tree.unit.pk) for entry in reads)
    assert "#1" in describe(reads[1])


def test_only_evidence_custodians_write(tree: Any, people: Any, client: Any) -> None:
    keeper = evidence_custodian(tree.unit)
    item = seized(tree.unit, keeper)
    url = reverse(
        "custody:evidence_transfer", kwargs={"slug": tree.unit.slug, "seized_id": item.pk}
    )
    data = {
        "from_holder": "ห้องเก็บ",
        "to_holder": "นายหน้า",
        "reason": "x",
        "seal_intact": "yes",
        "occurred_on": "2024-01-12",
    }
    for person in (people.admin, people.editor, people.head):
        client.force_login(person)
        assert client.post(url, data).status_code == 403
    client.force_login(keeper)
    assert client.post(url, data).status_code == 302
    assert item.entries.count() == 2

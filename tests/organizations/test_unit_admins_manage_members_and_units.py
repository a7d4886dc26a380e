from __future__ import annotations

from typing import Any

from django.core import mail
from django.urls import reverse

from prongsai.core.models import AuditEntry
from prongsai.organizations.models import Membership, Role, Unit
from prongsai.organizations.services import unit_update

from ..conftest import Personas, Tree


def test_admin_adds_a_new_member_who_gets_an_invitation(
    tree: Tree, people: Personas, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(people.admin)
    url = reverse("organizations:members", kwargs={"slug": tree.unit.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "username": "new-officer",
                "email": "new-officer@example.go.th",
                "first_name": "สมชาย",
                "last_name": "ใจดี",
                "role": Role.EDITOR,
                "rank": "ด.ต.",
                "position": "ผบ.หมู่",
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="new-officer", unit=tree.unit)
    assert membership.role == Role.EDITOR
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="membership.grant", unit_id=str(tree.unit.pk)).exists()


def test_admin_removes_a_role(tree: Tree, people: Personas, client: Any) -> None:
    client.force_login(people.admin)
    membership = Membership.objects.get(user=people.editor, unit=tree.unit)
    url = reverse(
        "organizations:member_remove",
        kwargs={"slug": tree.unit.slug, "membership_id": membership.pk},
    )
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_editor_cannot_manage_members(tree: Tree, people: Personas, client: Any) -> None:
    client.force_login(people.editor)
    url = reverse("organizations:members", kwargs={"slug": tree.unit.slug})
    assert client.get(url).status_code == 403
    response = client.post(url, {"username": "x", "role": Role.ADMIN})
    assert response.status_code == 403
    assert not Membership.objects.filter(user__username="x").exists()


def test_parent_admin_creates_a_sub_unit(tree: Tree, people: Personas, client: Any) -> None:
    client.force_login(people.bureau_admin)
    url = reverse("organizations:add_child", kwargs={"slug": tree.division.slug})
    response = client.post(
        url, {"slug": "mukdahan-immigration", "name_th": "ตม.จว.มุกดาหาร", "kind": "office"}
    )
    assert response.status_code == 302
    child = Unit.objects.get(slug="mukdahan-immigration")
    assert child.parent == tree.division
    assert child.path == "/immigration-bureau/immigration-division-4/mukdahan-immigration/"


def test_duplicate_slug_is_refused_with_a_message(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.bureau_admin)
    url = reverse("organizations:add_child", kwargs={"slug": tree.division.slug})
    response = client.post(url, {"slug": tree.unit.slug, "name_th": "ซ้ำ", "kind": "office"})
    assert response.status_code == 200
    assert (
        "Another unit already uses" in response.content.decode()
        or "ใช้" in response.content.decode()
    )
    assert Unit.objects.filter(slug=tree.unit.slug).count() == 1


def test_moving_a_unit_moves_its_subtree(tree: Tree, people: Personas) -> None:
    unit_update(actor=people.bureau_admin, unit=tree.division, parent=None)
    tree.unit.refresh_from_db()
    assert tree.unit.path == "/immigration-division-4/kalasin-immigration/"
    assert tree.unit.depth == 1


def test_settings_form_saves_and_audits(tree: Tree, people: Personas, client: Any) -> None:
    client.force_login(people.admin)
    url = reverse("organizations:settings", kwargs={"slug": tree.unit.slug})
    response = client.post(
        url,
        {
            "name_th": tree.unit.name_th,
            "name_en": "Kalasin",
            "kind": "office",
            "website": "https://kalasin.example.go.th/",
            "require_head_approval": "on",
        },
    )
    assert response.status_code == 302
    tree.unit.refresh_from_db()
    assert tree.unit.require_head_approval is True
    entry = AuditEntry.objects.filter(action="unit.update").latest("seq")
    assert entry.changes["require_head_approval"] == [False, True]

"""Handlers work a case without the complainant's identity; only an identity custodian reveals
it, with a reason; every reveal is audited and listed for the unit's head."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.complaints.identity import Identity
from prongsai.complaints.models import IdentityReveal
from prongsai.core.models import AuditEntry

from ..conftest import Personas, Tree
from .helpers import NAME, PHONE, make_case


def _case_url(complaint: Any, name: str = "complaints:case") -> str:
    return reverse(name, kwargs={"slug": complaint.unit.slug, "complaint_id": complaint.pk})


def test_a_handler_sees_the_case_but_not_the_identity(
    tree: Tree, people: Personas, client: Any
) -> None:
    complaint, _code = make_case(tree.unit, identity=Identity(name=NAME, contact=PHONE))
    client.force_login(people.handler)
    page = client.get(_case_url(complaint))
    assert page.status_code == 200
    html = page.content.decode()
    assert complaint.details in html
    assert NAME not in html and PHONE not in html
    assert (
        client.post(_case_url(complaint, "complaints:reveal"), {"reason": "x"}).status_code == 403
    )
    assert not IdentityReveal.objects.exists()


def test_a_custodian_reveals_with_a_reason_and_it_is_audited(
    tree: Tree, people: Personas, client: Any
) -> None:
    complaint, _code = make_case(tree.unit, identity=Identity(name=NAME, contact=PHONE))
    client.force_login(people.custodian)
    no_reason = client.post(_case_url(complaint, "complaints:reveal"), {"reason": ""})
    assert no_reason.status_code == 400
    assert NAME not in no_reason.content.decode()
    assert not AuditEntry.objects.filter(action="complaint.identity_reveal").exists()
    shown = client.post(_case_url(complaint, "complaints:reveal"), {"reason": "ต้องการเชิญมาให้ถ้อยคำ"})
    assert shown.status_code == 200
    assert NAME in shown.content.decode() and PHONE in shown.content.decode()
    entry = AuditEntry.objects.get(action="complaint.identity_reveal")
    assert entry.actor_id == people.custodian.pk
    assert entry.changes["reason"] == "ต้องการเชิญมาให้ถ้อยคำ"
    assert NAME not in str(entry.changes)
    # The head of the unit reads the list of reveals.
    client.force_login(people.head)
    reveals = client.get(reverse("complaints:reveals", kwargs={"slug": tree.unit.slug}))
    assert reveals.status_code == 200
    assert "ต้องการเชิญมาให้ถ้อยคำ" in reveals.content.decode()
    assert NAME not in reveals.content.decode()


def test_other_members_of_the_unit_see_no_complaints(
    tree: Tree, people: Personas, client: Any
) -> None:
    complaint, _code = make_case(tree.unit, identity=Identity(name=NAME, contact=PHONE))
    for persona in (people.admin, people.editor, people.head, people.viewer, people.bureau_admin):
        client.force_login(persona)
        assert client.get(_case_url(complaint)).status_code == 403, persona
        assert (
            client.get(reverse("complaints:cases", kwargs={"slug": tree.unit.slug})).status_code
            == 403
        )


def test_a_case_of_one_unit_is_404_for_the_handler_of_another(
    tree: Tree, people: Personas, client: Any
) -> None:
    from tests.factories import UserFactory, grant

    complaint, _code = make_case(tree.unit)
    other: Any = UserFactory(username="sibling-handler")
    grant(other, tree.sibling, "complaint_handler")
    client.force_login(other)
    assert client.get(_case_url(complaint)).status_code == 404
    wrong_unit = reverse(
        "complaints:case", kwargs={"slug": tree.sibling.slug, "complaint_id": complaint.pk}
    )
    assert client.get(wrong_unit).status_code == 404
    assert client.post(_case_url(complaint, "complaints:acknowledge")).status_code == 404


def test_a_handler_named_in_a_case_is_excluded_from_it(
    tree: Tree, people: Personas, client: Any
) -> None:
    from prongsai.complaints import services
    from tests.factories import UserFactory, grant

    named: Any = UserFactory(username="named-handler")
    grant(named, tree.unit, "complaint_handler")
    complaint, _code = make_case(tree.unit, officers="named-handler")
    services.complaint_exclude(actor=people.handler, complaint=complaint, handler=named)
    client.force_login(named)
    assert client.get(_case_url(complaint)).status_code == 404
    listing = client.get(reverse("complaints:cases", kwargs={"slug": tree.unit.slug}))
    assert complaint.reference not in listing.content.decode()
    client.force_login(people.handler)
    assign = client.post(_case_url(complaint, "complaints:assign"), {"handler": str(named.pk)})
    assert assign.status_code == 400
    complaint.refresh_from_db()
    assert complaint.assigned_to_id is None


def test_a_custodian_who_also_handles_cases_cannot_reveal(
    tree: Tree, people: Personas, client: Any
) -> None:
    from prongsai.organizations.models import Membership

    complaint, _code = make_case(tree.unit, identity=Identity(name=NAME, contact=PHONE))
    Membership.objects.create(user=people.custodian, unit=tree.unit, role="complaint_handler")
    client.force_login(people.custodian)
    response = client.post(_case_url(complaint, "complaints:reveal"), {"reason": "อยากรู้"})
    assert response.status_code == 403
    assert NAME not in response.content.decode()

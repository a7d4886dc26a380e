"""Separation of duties: nobody evaluates a unit in which they hold another role, evaluators are
appointed from above, a unit admin grants only editor, viewer and (confirmed by the head) head,
and nobody grants a role to themselves."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.organizations.access import Capability, access_for
from prongsai.organizations.models import Membership, Role, Unit
from prongsai.organizations.selectors import units_in_evaluator_scope
from prongsai.organizations.services import member_invite

from ..conftest import Personas, Tree
from ..factories import UserFactory, make_unit


def test_a_unit_admin_cannot_make_themselves_evaluator_of_their_unit(
    tree: Tree, people: Personas, client: Any
) -> None:
    """The hole in the issue: POST /u/<unit>/members/ with role=evaluator for oneself."""
    client.force_login(people.admin)
    url = reverse("organizations:members", kwargs={"slug": tree.unit.slug})
    response = client.post(url, {"username": people.admin.username, "role": Role.EVALUATOR})
    assert response.status_code == 200  # the form again, with the refusal
    assert not Membership.objects.filter(user=people.admin, role=Role.EVALUATOR).exists()
    assert not access_for(people.admin, tree.unit).has(Capability.EVALUATE)


def test_a_unit_admin_cannot_make_a_colleague_evaluator_of_their_unit(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.admin)
    url = reverse("organizations:members", kwargs={"slug": tree.unit.slug})
    response = client.post(url, {"username": people.outsider.username, "role": Role.EVALUATOR})
    assert response.status_code == 200
    assert not Membership.objects.filter(user=people.outsider).exists()


# --- every combination: granter's role × its position in the tree × role granted × self/other --
# Positions relative to the unit where the role is granted (the seed unit, three levels deep).
POSITIONS = ["same", "parent", "grandparent", "sibling", "child", "platform"]
GRANTER_ROLES = [Role.ADMIN, Role.EDITOR, Role.HEAD, Role.EVALUATOR, Role.VIEWER]
GRANTED = list(Role)


def expected(granter_role: str, position: str, granted: str, is_self: bool) -> str:
    """The rules of the issue, written out independently of the code under test."""
    if is_self:
        return "refused"
    if position == "platform":
        return "granted"
    if granter_role != Role.ADMIN or position in ("sibling", "child"):
        return "refused"
    if position in ("parent", "grandparent"):
        return "granted"
    # The unit's own admin.
    if granted in (Role.EDITOR, Role.VIEWER):
        return "granted"
    if granted == Role.HEAD:
        return "pending"
    return "refused"  # admin, evaluator: only from above


CASES = [
    (role, position, granted, is_self)
    for role, position, granted, is_self in itertools.product(
        GRANTER_ROLES, POSITIONS, GRANTED, (False, True)
    )
    if not (position == "platform" and role != Role.ADMIN)  # the platform has no unit role
]


def _granter(tree: Tree, role: str, position: str) -> Any:
    user: Any = UserFactory(username=f"granter-{role}-{position}")
    if position == "platform":
        user.is_superuser = True
        user.save()
        return user
    child = make_unit("kalasin-checkpoint", tree.unit)
    unit = {
        "same": tree.unit,
        "parent": tree.division,
        "grandparent": tree.bureau,
        "sibling": tree.sibling,
        "child": child,
    }[position]
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def _outcome(granter: Any, grantee: Any, unit: Unit, role: str) -> str:
    before = set(Membership.objects.values_list("user_id", "unit_id", "role"))
    try:
        result = member_invite(
            actor=granter, unit=unit, username=grantee.username, email="", role=role
        )
    except ValidationError:
        assert set(Membership.objects.values_list("user_id", "unit_id", "role")) == before
        return "refused"
    if result.pending is not None:
        assert not Membership.objects.filter(user=grantee, unit=unit, role=role).exists()
        return "pending"
    assert Membership.objects.filter(user=grantee, unit=unit, role=role).exists()
    return "granted"


@pytest.mark.parametrize(
    ("granter_role", "position", "granted", "is_self"),
    CASES,
    ids=[f"{r}@{p}-grants-{g}-{'self' if s else 'other'}" for r, p, g, s in CASES],
)
def test_who_may_grant_which_role(
    tree: Tree, granter_role: str, position: str, granted: str, is_self: bool
) -> None:
    granter = _granter(tree, granter_role, position)
    grantee = granter if is_self else UserFactory(username="grantee")
    assert _outcome(granter, grantee, tree.unit, granted) == expected(
        granter_role, position, granted, is_self
    )


def test_an_admin_above_appoints_an_evaluator_who_then_evaluates(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.bureau_admin)
    url = reverse("organizations:members", kwargs={"slug": tree.division.slug})
    response = client.post(url, {"username": people.outsider.username, "role": Role.EVALUATOR})
    assert response.status_code == 302
    assert access_for(people.outsider, tree.unit).has(Capability.EVALUATE)


def test_the_members_form_offers_only_the_roles_the_admin_may_grant(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.admin)
    page = client.get(reverse("organizations:members", kwargs={"slug": tree.unit.slug}))
    values = {value for value, _label in page.context["form"].fields["role"].choices}
    # The complaint roles (registered by the complaints app) are the unit's own to give.
    complaint_roles = {"complaint_handler", "identity_custodian"}
    custody_roles = {"property_custodian", "evidence_custodian"}  # and the custody app's
    assert values == {Role.EDITOR, Role.VIEWER, Role.HEAD, *complaint_roles, *custody_roles}
    client.force_login(people.bureau_admin)
    page = client.get(reverse("organizations:members", kwargs={"slug": tree.unit.slug}))
    values = {value for value, _label in page.context["form"].fields["role"].choices}
    assert values == set(Role) | complaint_roles | custody_roles


# --- holding two roles ------------------------------------------------------------------------
@pytest.mark.parametrize("other_role", [r for r in Role if r != Role.EVALUATOR])
@pytest.mark.parametrize("where", ["unit", "above"])
def test_an_existing_evaluator_and_other_role_membership_cannot_evaluate(
    tree: Tree, people: Personas, other_role: str, where: str
) -> None:
    """Memberships written before these rules (or behind the services' back) cannot be used."""
    person: Any = UserFactory(username="double-hat")
    Membership.objects.create(user=person, unit=tree.division, role=Role.EVALUATOR)
    evaluated = tree.unit
    if where == "unit":
        other_unit = tree.unit
    elif other_role in (Role.EDITOR, Role.HEAD):
        # A role of that one unit, held in the evaluator's own unit: that unit is not evaluated.
        other_unit = evaluated = tree.division
    else:
        other_unit = tree.bureau  # reaches down to every unit the evaluator covers
    Membership.objects.create(user=person, unit=other_unit, role=other_role)
    assert not access_for(person, evaluated).has(Capability.EVALUATE)
    assert access_for(person, evaluated).has(Capability.VIEW)
    assert evaluated not in set(units_in_evaluator_scope(person))
    # Where they hold nothing else, the evaluator role still works.
    if other_unit != tree.bureau:
        assert access_for(person, tree.sibling).has(Capability.EVALUATE)
        assert tree.sibling in set(units_in_evaluator_scope(person))


@pytest.mark.parametrize("other_role", [r for r in Role if r != Role.EVALUATOR])
def test_a_grant_that_would_mix_evaluating_with_another_role_is_refused(
    tree: Tree, people: Personas, other_role: str
) -> None:
    person: Any = UserFactory(username="double-hat")
    member_invite(
        actor="tests", unit=tree.unit, username=person.username, email="", role=other_role
    )
    with pytest.raises(ValidationError):
        member_invite(
            actor="tests", unit=tree.division, username=person.username, email="",
            role=Role.EVALUATOR,
        )  # fmt: skip
    evaluator: Any = UserFactory(username="plain-evaluator")
    member_invite(
        actor="tests", unit=tree.division, username=evaluator.username, email="",
        role=Role.EVALUATOR,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        member_invite(
            actor="tests", unit=tree.unit, username=evaluator.username, email="", role=other_role
        )
    # Elsewhere in the tree the same person may hold another role.
    member_invite(
        actor="tests", unit=tree.other_unit, username=evaluator.username, email="",
        role=Role.EDITOR,
    )  # fmt: skip


def test_a_superuser_with_a_unit_role_does_not_evaluate_that_unit(
    tree: Tree, people: Personas
) -> None:
    people.editor.is_superuser = True
    people.editor.save()
    assert access_for(people.editor, tree.unit).has(Capability.MANAGE)
    assert not access_for(people.editor, tree.unit).has(Capability.EVALUATE)
    assert access_for(people.editor, tree.sibling).has(Capability.EVALUATE)


# --- the head, confirmed ------------------------------------------------------------------------
def test_a_new_head_waits_for_the_current_heads_confirmation(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.admin)
    members = reverse("organizations:members", kwargs={"slug": tree.unit.slug})
    assert client.post(members, {"username": "editor", "role": Role.HEAD}).status_code == 302
    assert not Membership.objects.filter(user=people.editor, role=Role.HEAD).exists()
    grants = reverse("organizations:grants", kwargs={"slug": tree.unit.slug})
    page = client.get(grants)
    ((grant, can_decide),) = page.context["rows"]
    assert not can_decide  # the admin who asked cannot confirm
    confirm = reverse(
        "organizations:grant_decide",
        kwargs={"slug": tree.unit.slug, "grant_id": grant.pk, "decision": "confirm"},
    )
    client.post(confirm)
    assert not Membership.objects.filter(user=people.editor, role=Role.HEAD).exists()
    client.force_login(people.editor)  # nor the person it is for
    client.post(confirm)
    assert not Membership.objects.filter(user=people.editor, role=Role.HEAD).exists()
    client.force_login(people.head)
    assert client.get(grants).context["rows"][0][1] is True
    assert client.post(confirm).status_code == 302
    assert Membership.objects.filter(user=people.editor, unit=tree.unit, role=Role.HEAD).exists()
    grant.refresh_from_db()
    assert (grant.state, grant.decided_by) == ("confirmed", people.head)


def test_without_a_head_an_admin_above_confirms(tree: Tree, people: Personas) -> None:
    from prongsai.organizations.services import grant_request_confirm

    Membership.objects.filter(role=Role.HEAD).delete()
    result = member_invite(
        actor=people.admin, unit=tree.unit, username="editor", email="", role=Role.HEAD
    )
    assert result.pending is not None
    for refused in (people.admin, people.editor, people.sibling_editor, people.evaluator):
        with pytest.raises(ValidationError):
            grant_request_confirm(actor=refused, grant=result.pending)
    grant_request_confirm(actor=people.bureau_admin, grant=result.pending)
    assert Membership.objects.filter(user=people.editor, role=Role.HEAD).exists()


def test_a_unit_admin_cannot_remove_the_evaluator_or_the_head(tree: Tree, people: Personas) -> None:
    from prongsai.organizations.services import membership_revoke

    appointed = Membership.objects.create(user=people.outsider, unit=tree.unit, role=Role.EVALUATOR)
    head = Membership.objects.get(user=people.head, role=Role.HEAD)
    for membership in (appointed, head):
        with pytest.raises(ValidationError):
            membership_revoke(actor=people.admin, membership=membership)
    membership_revoke(actor=people.admin, membership=Membership.objects.get(user=people.editor))
    membership_revoke(actor=people.bureau_admin, membership=appointed)


# --- existing memberships that break the rules ----------------------------------------------
def test_roles_check_reports_memberships_that_break_the_rules(tree: Tree, people: Personas) -> None:
    from django.core.management import CommandError, call_command

    call_command("roles_check")  # the fixtures' tree is clean
    # What the hole allowed: the unit admin made themselves evaluator of their own unit.
    from prongsai.core.audit import audit_record
    from prongsai.organizations.services import transaction

    with transaction.atomic():
        bad = Membership.objects.create(user=people.admin, unit=tree.unit, role=Role.EVALUATOR)
        audit_record(
            actor=people.admin,
            action="membership.grant",
            obj=bad,
            unit_id=tree.unit.pk,
            changes={"user": "admin", "role": "evaluator"},
        )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("roles_check", stdout=out)
    report = out.getvalue()
    assert f"admin: evaluator @ {tree.unit.slug} together with admin @ {tree.unit.slug}" in report
    assert f"admin: evaluator @ {tree.unit.slug} granted by admin themselves" in report

"""Writes for units, members and roles. Each runs in one transaction and is audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record, changes_between, model_snapshot

from . import duties, selectors
from .duties import Role
from .invitations import invitation_queue
from .models import Membership, PendingGrant, Unit

UNIT_FIELDS = (
    "slug",
    "kind",
    "name_th",
    "name_en",
    "short_name_th",
    "website",
    "phone",
    "email",
    "address",
    "require_head_approval",
    "is_active",
)


def _path_for(parent: Unit | None, slug: str) -> tuple[str, int]:
    if parent is None:
        return f"/{slug}/", 0
    return f"{parent.path}{slug}/", parent.depth + 1


@transaction.atomic
def unit_create(*, actor: Any, parent: Unit | None, slug: str, name_th: str, **fields: Any) -> Unit:
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    path, depth = _path_for(parent, slug)
    unit = Unit(parent=parent, slug=slug, name_th=name_th, path=path, depth=depth, **fields)
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor, action="unit.create", obj=unit, unit_id=unit.pk, changes=model_snapshot(unit)
    )
    return unit


@transaction.atomic
def unit_update(
    *, actor: Any, unit: Unit, parent: Unit | bool | None = False, **fields: Any
) -> Unit:
    """Change a unit's fields; ``parent=`` moves it (and its subtree) in the tree."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = model_snapshot(unit)
    old_path = unit.path
    for name, value in fields.items():
        setattr(unit, name, value)
    if parent is not False:
        assert parent is None or isinstance(parent, Unit)
        if parent is not None and (parent.pk == unit.pk or parent.path.startswith(old_path)):
            raise ValidationError(_("A unit cannot be moved under itself or its own sub-unit."))
        unit.parent = parent
    unit.path, unit.depth = _path_for(unit.parent, unit.slug)
    unit.full_clean()
    unit.save()
    if unit.path != old_path:
        depth_shift = unit.depth - (old_path.count("/") - 2)
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.depth + depth_shift
            child.save(update_fields=["path", "depth", "updated_at"])
    changes = changes_between(before, model_snapshot(unit))
    if changes:
        audit_record(actor=actor, action="unit.update", obj=unit, unit_id=unit.pk, changes=changes)
    return unit


Actor = User | str  # a user, or the name of a command run by the operator


def _is_self(actor: Actor | None, user: User) -> bool:
    return isinstance(actor, User) and actor.pk == user.pk


def _refuse_conflicts(*, user: User, unit: Unit, role: str) -> None:
    """Separation of duties: refuse a role that may not be held together with one the person
    already holds reaching the same unit (duties.py)."""
    clashes = duties.conflicts_with_new(
        duties.Held(role, unit.path), selectors.holdings_of(int(user.pk))
    )
    if not clashes:
        return
    clash = clashes[0]
    other = Unit.objects.filter(path=clash.unit_path).first()
    raise ValidationError(
        _(
            "%(user)s cannot be %(role)s here: they are %(other_role)s in %(unit)s, and nobody "
            "evaluates a unit in which they hold another role."
        )
        % {
            "user": user.get_username(),
            "role": duties.role_label(role),
            "other_role": duties.role_label(clash.role),
            "unit": other.name_th if other else clash.unit_path,
        },
        code="separation_of_duties",
    )


def grant_decision(*, actor: Actor | None, unit: Unit, user: User, role: str) -> duties.Decision:
    """What granting ``role`` to ``user`` in ``unit`` by ``actor`` would do (no write)."""
    return duties.decide_grant(
        granter=selectors.granter_of(actor),
        role=role,
        unit_path=unit.path,
        is_self=_is_self(actor, user),
    )


def _membership_create(
    *,
    actor: Actor | None,
    unit: Unit,
    user: User,
    role: str,
    rank: str,
    position: str,
    changes: dict[str, Any] | None = None,
) -> Membership:
    _refuse_conflicts(user=user, unit=unit, role=role)
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"rank": rank, "position": position}
    )
    if not created and (membership.rank, membership.position) != (rank, position):
        before = model_snapshot(membership)
        membership.rank, membership.position = rank, position
        membership.save(update_fields=["rank", "position", "updated_at"])
        audit_record(
            actor=actor,
            action="membership.update",
            obj=membership,
            unit_id=unit.pk,
            changes=changes_between(before, model_snapshot(membership)),
        )
    elif created:
        audit_record(
            actor=actor,
            action="membership.grant",
            obj=membership,
            unit_id=unit.pk,
            changes={
                "user": user.get_username(),
                "role": role,
                "rank": rank,
                "position": position,
                **(changes or {}),
            },
        )
    return membership


@transaction.atomic
def membership_grant(
    *,
    actor: Actor | None,
    unit: Unit,
    user: User,
    role: str,
    rank: str = "",
    position: str = "",
) -> Membership:
    """Give ``role`` in ``unit`` to ``user`` when ``actor`` may grant it outright (duties.py).

    Refused (``ValidationError``) for a self-grant, a role the actor has no authority for, a
    role that needs the head's confirmation (use :func:`grant_request_create`) and a role that
    clashes with one the user already holds.
    """
    decision = grant_decision(actor=actor, unit=unit, user=user, role=role)
    if decision.verdict is duties.Verdict.NEEDS_CONFIRMATION:
        raise ValidationError(
            _("The role %(role)s needs the confirmation of the unit's head.")
            % {"role": duties.role_label(role)},
            code="needs_confirmation",
        )
    if not decision.allowed:
        raise ValidationError(decision.reason, code="not_allowed")
    return _membership_create(
        actor=actor, unit=unit, user=user, role=role, rank=rank, position=position
    )


@transaction.atomic
def membership_revoke(*, actor: Actor | None, membership: Membership) -> None:
    decision = duties.decide_revoke(
        granter=selectors.granter_of(actor),
        role=membership.role,
        unit_path=membership.unit.path,
        is_self=_is_self(actor, membership.user),
    )
    if not decision.allowed:
        raise ValidationError(decision.reason, code="not_allowed")
    audit_record(
        actor=actor,
        action="membership.revoke",
        obj=membership,
        unit_id=membership.unit_id,
        changes={"user": membership.user.get_username(), "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def grant_request_create(
    *,
    actor: Actor | None,
    unit: Unit,
    user: User,
    role: str,
    rank: str = "",
    position: str = "",
) -> PendingGrant:
    """Ask for a role that someone else must confirm (the head role, asked by the unit's own
    admin). Nothing is granted until :func:`grant_request_confirm`."""
    decision = grant_decision(actor=actor, unit=unit, user=user, role=role)
    if decision.verdict is not duties.Verdict.NEEDS_CONFIRMATION:
        raise ValidationError(
            decision.reason or _("This role is granted directly, without a confirmation."),
            code="not_allowed",
        )
    if Membership.objects.filter(user=user, unit=unit, role=role).exists():
        raise ValidationError(_("This person already holds this role here."), code="exists")
    _refuse_conflicts(user=user, unit=unit, role=role)
    grant, created = PendingGrant.objects.get_or_create(
        user=user,
        unit=unit,
        role=role,
        state=PendingGrant.State.PENDING,
        defaults={
            "rank": rank,
            "position": position,
            "requested_by": actor if isinstance(actor, User) else None,
        },
    )
    if created:
        audit_record(
            actor=actor,
            action="membership.request",
            obj=grant,
            unit_id=unit.pk,
            changes={"user": user.get_username(), "role": role, "rank": rank, "position": position},
        )
    return grant


def _open_grant(grant: PendingGrant) -> PendingGrant:
    locked = (
        PendingGrant.objects.select_for_update().select_related("unit", "user").get(pk=grant.pk)
    )
    if locked.state != PendingGrant.State.PENDING:
        raise ValidationError(_("This request was already decided."), code="decided")
    return locked


def confirmation_decision(*, actor: Actor | None, grant: PendingGrant) -> duties.Decision:
    return duties.decide_confirmation(
        confirmer=selectors.granter_of(actor),
        unit_path=grant.unit.path,
        unit_has_head=Membership.objects.filter(unit_id=grant.unit_id, role=Role.HEAD).exists(),
        is_requester=isinstance(actor, User) and actor.pk == grant.requested_by_id,
        is_grantee=isinstance(actor, User) and actor.pk == grant.user_id,
    )


def _decide(*, actor: Actor | None, grant: PendingGrant, state: str, action: str) -> PendingGrant:
    decision = confirmation_decision(actor=actor, grant=grant)
    if not decision.allowed:
        raise ValidationError(decision.reason, code="not_allowed")
    grant.state = state
    grant.decided_by = actor if isinstance(actor, User) else None
    grant.decided_at = timezone.now()
    grant.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        obj=grant,
        unit_id=grant.unit_id,
        changes={"user": grant.user.get_username(), "role": grant.role},
    )
    return grant


@transaction.atomic
def grant_request_confirm(*, actor: Actor | None, grant: PendingGrant) -> Membership:
    """The unit's head (or, without one, an admin above) confirms: the membership is created."""
    grant = _open_grant(grant)
    _decide(
        actor=actor, grant=grant, state=PendingGrant.State.CONFIRMED, action="membership.confirm"
    )
    requester = grant.requested_by.get_username() if grant.requested_by else ""
    return _membership_create(
        actor=actor,
        unit=grant.unit,
        user=grant.user,
        role=grant.role,
        rank=grant.rank,
        position=grant.position,
        changes={"requested_by": requester},
    )


@transaction.atomic
def grant_request_decline(*, actor: Actor | None, grant: PendingGrant) -> PendingGrant:
    grant = _open_grant(grant)
    return _decide(
        actor=actor, grant=grant, state=PendingGrant.State.DECLINED, action="membership.decline"
    )


@transaction.atomic
def grant_request_withdraw(*, actor: Actor | None, grant: PendingGrant) -> PendingGrant:
    """The admin who asked (or any admin of the unit or above) withdraws the request."""
    grant = _open_grant(grant)
    granter = selectors.granter_of(actor)
    path = grant.unit.path
    if not (granter.is_platform or granter.is_admin_of(path) or granter.is_admin_above(path)):
        raise ValidationError(_("Only the unit's admins withdraw a request."), code="not_allowed")
    grant.state = PendingGrant.State.WITHDRAWN
    grant.decided_by = actor if isinstance(actor, User) else None
    grant.decided_at = timezone.now()
    grant.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action="membership.withdraw",
        obj=grant,
        unit_id=grant.unit_id,
        changes={"user": grant.user.get_username(), "role": grant.role},
    )
    return grant


@dataclass(frozen=True)
class InviteResult:
    membership: Membership | None = None  # granted now
    pending: PendingGrant | None = None  # waits for a confirmation


@transaction.atomic
def member_invite(
    *,
    actor: Actor | None,
    unit: Unit,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role: str,
    rank: str = "",
    position: str = "",
    request: HttpRequest | None = None,
) -> InviteResult:
    """Give ``role`` in ``unit`` to a user, creating the account when it does not exist yet.

    New accounts get no usable password; an e-mail with a one-time link lets them set one. A
    role that needs a confirmation becomes a pending grant; a role the actor may not grant is
    refused before any account is created.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        # Who may grant what does not depend on the person (except for oneself, and a new
        # account is nobody yet): refuse before creating anything.
        decision = duties.decide_grant(
            granter=selectors.granter_of(actor), role=role, unit_path=unit.path, is_self=False
        )
        if decision.verdict is duties.Verdict.REFUSED:
            raise ValidationError(decision.reason, code="not_allowed")
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            unit_id=unit.pk,
            changes={"username": username, "email": email},
        )
    decision = grant_decision(actor=actor, unit=unit, user=user, role=role)
    result: InviteResult
    if decision.verdict is duties.Verdict.NEEDS_CONFIRMATION:
        result = InviteResult(
            pending=grant_request_create(
                actor=actor, unit=unit, user=user, role=role, rank=rank, position=position
            )
        )
    else:
        result = InviteResult(
            membership=membership_grant(
                actor=actor, unit=unit, user=user, role=role, rank=rank, position=position
            )
        )
    if created and email:
        invitation_queue(user=user, unit_id=unit.pk)  # delivered (and retried) by a task
    return result

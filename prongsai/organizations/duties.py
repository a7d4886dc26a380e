"""Separation of duties: the roles a person can hold, who may grant each, and which may not be
held where another role reaches the same unit.

One registry (:func:`register_role`) describes every role. The five built-in roles are
registered below; a later app adds its own (a complaint handler, an identity custodian, a
custodian of seized evidence) from its ``AppConfig.ready()`` with a :class:`RoleRule`, and the
access layer (``access.py``), the membership services (``services.py``), the members screen, the
``roles_check`` command and the two-factor requirement (``second_factor_roles``) follow it without
changes.

Everything here is pure: plain values in, decisions out, no ORM. The rules:

* **Exclusive roles** (the evaluator) are *suspended* in every unit where the same person holds
  any other role, their own or one reaching down from a unit above: nobody evaluates a unit in
  which they hold another role. Pairs declared with ``conflicts_with`` suspend the declaring role.
  A grant that would create such an overlap is refused.
* **Who grants**: ``UNIT_ADMIN`` roles by an admin of the unit or of a unit above it;
  ``ADMIN_ABOVE`` roles only by an admin of a unit strictly above (or a platform admin);
  ``PLATFORM`` roles by platform admins only. A role marked ``confirmed_by_head`` and granted by
  the unit's own admin becomes a pending grant that the unit's head confirms (an admin above or a
  platform admin when the unit has no head). Nobody grants a role to themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Role(StrEnum):
    """The built-in roles (values stored in ``Membership.role``)."""

    ADMIN = "admin"
    EDITOR = "editor"
    HEAD = "head"
    EVALUATOR = "evaluator"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return str(role_rule(self.value).label)


class GrantAuthority(StrEnum):
    UNIT_ADMIN = "unit_admin"  # an admin of the unit itself or of any unit above it
    ADMIN_ABOVE = "admin_above"  # only an admin of a unit strictly above it
    PLATFORM = "platform"  # only a platform admin (or the operator's own commands)


@dataclass(frozen=True)
class RoleRule:
    role: str
    label: str | Promise
    # Reaches every unit below the one it is held in (else that unit only).
    reaches_subtree: bool = False
    granted_by: GrantAuthority = GrantAuthority.UNIT_ADMIN
    # Granted by the unit's own admin, the grant waits for the unit's head to confirm it.
    confirmed_by_head: bool = False
    # Suspended wherever the same person holds any other role reaching the same unit.
    exclusive: bool = False
    # Suspended wherever the same person holds one of these roles reaching the same unit.
    conflicts_with: frozenset[str] = frozenset()
    # Log-in needs a second factor (TOTP or a recovery code) for holders of this role.
    second_factor: bool = False


_RULES: dict[str, RoleRule] = {}


def register_role(rule: RoleRule) -> None:
    """Add (or, for the same value, replace) a role. Call from ``AppConfig.ready()``."""
    _RULES[rule.role] = rule


def role_rule(role: str) -> RoleRule:
    """The rule of a registered role; ``KeyError`` for an unknown one."""
    return _RULES[role]


def is_registered(role: str) -> bool:
    return role in _RULES


def registered_roles() -> tuple[RoleRule, ...]:
    return tuple(_RULES.values())


def role_choices() -> list[tuple[str, str]]:
    """``Membership.role`` choices (a callable: roles added later need no migration)."""
    return [(rule.role, str(rule.label)) for rule in _RULES.values()]


def role_label(role: str) -> str:
    rule = _RULES.get(role)
    return str(rule.label) if rule else role


def subtree_roles() -> frozenset[str]:
    return frozenset(rule.role for rule in _RULES.values() if rule.reaches_subtree)


def second_factor_roles() -> frozenset[str]:
    """Roles whose holders must log in with a second factor (see ``prongsai.accounts``)."""
    return frozenset(rule.role for rule in _RULES.values() if rule.second_factor)


# --- holding roles at the same time ----------------------------------------------------------
@dataclass(frozen=True)
class Held:
    """A role held in a unit, identified by the unit's materialised path (``/a/b/c/``)."""

    role: str
    unit_path: str

    @property
    def reaches_subtree(self) -> bool:
        rule = _RULES.get(self.role)
        return bool(rule and rule.reaches_subtree)

    def reaches(self, unit_path: str) -> bool:
        if self.unit_path == unit_path:
            return True
        return self.reaches_subtree and unit_path.startswith(self.unit_path)


def suspends(role: str, other: str) -> bool:
    """Whether holding ``other`` where ``role`` also reaches suspends ``role`` there."""
    if role == other:
        return False
    rule = _RULES.get(role)
    if rule is None:
        return False
    return rule.exclusive or other in rule.conflicts_with


def roles_conflict(a: str, b: str) -> bool:
    return suspends(a, b) or suspends(b, a)


def suspended_roles(roles: Iterable[str]) -> frozenset[str]:
    """Of the roles one person holds in (or above) one unit, those suspended there."""
    held = set(roles)
    return frozenset(role for role in held if any(suspends(role, other) for other in held))


def _overlap(a: Held, b: Held) -> bool:
    return a.reaches(b.unit_path) or b.reaches(a.unit_path)


def conflicts_with_new(new: Held, existing: Iterable[Held]) -> list[Held]:
    """The already-held roles that may not be held together with ``new``."""
    return [
        held
        for held in existing
        if held != new and roles_conflict(new.role, held.role) and _overlap(new, held)
    ]


def conflicting_pairs(holdings: Iterable[Held]) -> list[tuple[Held, Held]]:
    """Every pair of one person's roles that break the rules (for ``roles_check``)."""
    items = sorted(set(holdings), key=lambda h: (h.unit_path, h.role))
    return [
        (a, b)
        for index, a in enumerate(items)
        for b in items[index + 1 :]
        if roles_conflict(a.role, b.role) and _overlap(a, b)
    ]


# --- granting --------------------------------------------------------------------------------
class Verdict(StrEnum):
    ALLOWED = "allowed"
    NEEDS_CONFIRMATION = "needs_confirmation"
    REFUSED = "refused"


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return self.verdict is Verdict.ALLOWED


@dataclass(frozen=True)
class Granter:
    """What the person granting (or confirming) is: a platform admin, and/or admin of units."""

    is_platform: bool = False
    admin_paths: frozenset[str] = frozenset()
    head_paths: frozenset[str] = frozenset()

    def is_admin_above(self, unit_path: str) -> bool:
        return any(unit_path.startswith(p) and unit_path != p for p in self.admin_paths)

    def is_admin_of(self, unit_path: str) -> bool:
        return unit_path in self.admin_paths


def _refused(reason: str) -> Decision:
    return Decision(Verdict.REFUSED, reason)


def decide_grant(*, granter: Granter, role: str, unit_path: str, is_self: bool) -> Decision:
    """May ``granter`` give ``role`` in the unit at ``unit_path`` (to themselves or another)?"""
    rule = _RULES.get(role)
    if rule is None:
        return _refused(_("Unknown role: %(role)s") % {"role": role})
    if is_self:
        return _refused(_("Nobody may grant a role to themselves."))
    if granter.is_platform:
        return Decision(Verdict.ALLOWED)
    above = granter.is_admin_above(unit_path)
    own = granter.is_admin_of(unit_path)
    label = str(rule.label)
    if rule.granted_by is GrantAuthority.PLATFORM:
        return _refused(_("Only a platform admin grants the role %(role)s.") % {"role": label})
    if rule.granted_by is GrantAuthority.ADMIN_ABOVE:
        if above:
            return Decision(Verdict.ALLOWED)
        return _refused(
            _("The role %(role)s is granted only by an admin of a unit above this one.")
            % {"role": label}
        )
    if above:
        return Decision(Verdict.ALLOWED)
    if own:
        if rule.confirmed_by_head:
            return Decision(Verdict.NEEDS_CONFIRMATION)
        return Decision(Verdict.ALLOWED)
    return _refused(_("Only an admin of this unit or of a unit above it grants roles here."))


def decide_revoke(*, granter: Granter, role: str, unit_path: str, is_self: bool) -> Decision:
    """Taking a role away needs the authority to grant it outright; anyone may give up their
    own role."""
    if is_self:
        return Decision(Verdict.ALLOWED)
    decision = decide_grant(granter=granter, role=role, unit_path=unit_path, is_self=False)
    if decision.verdict is Verdict.NEEDS_CONFIRMATION:
        return _refused(
            _("The role %(role)s is removed by an admin of a unit above this one.")
            % {"role": role_label(role)}
        )
    return decision


def decide_confirmation(
    *,
    confirmer: Granter,
    unit_path: str,
    unit_has_head: bool,
    is_requester: bool,
    is_grantee: bool,
) -> Decision:
    """May ``confirmer`` confirm a pending grant in the unit? The unit's head does; when it has
    no head, an admin above or a platform admin. Never the one who asked, nor the one it is for."""
    if is_requester:
        return _refused(_("A grant is confirmed by someone other than the admin who asked for it."))
    if is_grantee:
        return _refused(_("Nobody may confirm a role for themselves."))
    if confirmer.is_platform or confirmer.is_admin_above(unit_path):
        return Decision(Verdict.ALLOWED)
    if unit_has_head and unit_path in confirmer.head_paths:
        return Decision(Verdict.ALLOWED)
    if unit_has_head:
        return _refused(_("The unit's head confirms this grant."))
    return _refused(_("The unit has no head: an admin of a unit above confirms this grant."))


def grantable_roles(granter: Granter, unit_path: str) -> list[tuple[str, str]]:
    """The choices a members form offers this granter in this unit (others would be refused)."""
    out = []
    for rule in _RULES.values():
        decision = decide_grant(granter=granter, role=rule.role, unit_path=unit_path, is_self=False)
        if decision.verdict is not Verdict.REFUSED:
            label = str(rule.label)
            if decision.verdict is Verdict.NEEDS_CONFIRMATION:
                label = _("%(role)s (the head confirms)") % {"role": label}
            out.append((rule.role, label))
    return out


# --- the built-in roles ----------------------------------------------------------------------
register_role(
    RoleRule(
        Role.ADMIN,
        gettext_lazy("Unit admin (ITA working group)"),
        reaches_subtree=True,
        granted_by=GrantAuthority.ADMIN_ABOVE,
        second_factor=True,
    )
)
register_role(RoleRule(Role.EDITOR, gettext_lazy("Editor")))
register_role(RoleRule(Role.HEAD, gettext_lazy("Head (approves, signs)"), confirmed_by_head=True))
register_role(
    RoleRule(
        Role.EVALUATOR,
        gettext_lazy("Evaluator"),
        reaches_subtree=True,
        granted_by=GrantAuthority.ADMIN_ABOVE,
        exclusive=True,
        second_factor=True,
    )
)
register_role(
    RoleRule(Role.VIEWER, gettext_lazy("Viewer (parent organisation)"), reaches_subtree=True)
)

"""The access helper every unit view calls first.

``unit_access(request, slug, need=...)`` returns the unit together with the caller's rights, or
stops the request: 404 when the caller has no role reaching the unit (we do not reveal that it
exists), 403 when they have one but it does not grant what the view needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .duties import Role, subtree_roles, suspended_roles
from .models import Membership, Unit


class Capability(StrEnum):
    VIEW = "view"  # read the unit's assessment, workspace and plan
    EDIT = "edit"  # write evidence, plan rows, progress
    MANAGE = "manage"  # members, settings, survey campaigns and codes
    APPROVE = "approve"  # approve items and reports as the unit's head
    EVALUATE = "evaluate"  # review OIT items as an evaluator


@dataclass(frozen=True)
class UnitAccess:
    unit: Unit
    own_roles: frozenset[str]
    inherited_roles: frozenset[str]
    is_superuser: bool = False

    @property
    def roles(self) -> frozenset[str]:
        return self.own_roles | self.inherited_roles

    @property
    def suspended(self) -> frozenset[str]:
        """Roles that grant nothing here because another role the person holds reaching this
        unit excludes them (separation of duties, duties.py): an evaluator who is also an editor,
        head, admin or viewer of the unit does not evaluate it."""
        return suspended_roles(self.roles)

    def has(self, capability: Capability) -> bool:
        suspended = self.suspended
        if self.is_superuser:
            # Platform admins may do anything, except evaluate a unit in which they hold a role
            # that evaluating excludes.
            if capability is Capability.EVALUATE:
                return Role.EVALUATOR not in suspended_roles(self.roles | {Role.EVALUATOR})
            return True
        own, inherited = self.own_roles - suspended, self.inherited_roles - suspended
        if capability is Capability.VIEW:
            # A suspended role still lets its holder see the unit (they hold a role in it).
            return bool(self.own_roles) or bool(self.inherited_roles)
        if capability is Capability.EDIT:
            return bool(own & {Role.ADMIN, Role.EDITOR})
        if capability is Capability.MANAGE:
            return Role.ADMIN in own or Role.ADMIN in inherited
        if capability is Capability.APPROVE:
            return Role.HEAD in own
        if capability is Capability.EVALUATE:
            return Role.EVALUATOR in own or Role.EVALUATOR in inherited
        return False

    # Template-friendly shortcuts.
    @property
    def can_edit(self) -> bool:
        return self.has(Capability.EDIT)

    @property
    def can_manage(self) -> bool:
        return self.has(Capability.MANAGE)

    @property
    def can_approve(self) -> bool:
        return self.has(Capability.APPROVE)

    @property
    def can_evaluate(self) -> bool:
        return self.has(Capability.EVALUATE)

    @property
    def is_unit_member(self) -> bool:
        """Holds a role in the unit itself (not only an evaluator or viewer from above)."""
        return self.is_superuser or bool(
            self.own_roles & {Role.ADMIN, Role.EDITOR, Role.HEAD, Role.VIEWER}
        )


def access_for(user: AbstractBaseUser | AnonymousUser, unit: Unit) -> UnitAccess:
    """The caller's rights on ``unit`` (possibly none)."""
    if not user.is_authenticated:
        return UnitAccess(unit=unit, own_roles=frozenset(), inherited_roles=frozenset())
    rows = Membership.objects.filter(
        user_id=user.pk, unit__slug__in=[*unit.ancestor_slugs(), unit.slug]
    ).values_list("unit_id", "role")
    own = frozenset(role for unit_id, role in rows if unit_id == unit.pk)
    inherited = frozenset(
        role for unit_id, role in rows if unit_id != unit.pk and role in subtree_roles()
    )
    return UnitAccess(
        unit=unit,
        own_roles=own,
        inherited_roles=inherited,
        is_superuser=bool(getattr(user, "is_superuser", False)),
    )


def unit_access(request: HttpRequest, slug: str, need: Capability = Capability.VIEW) -> UnitAccess:
    unit = Unit.objects.filter(slug=slug, is_active=True).select_related("parent").first()
    if unit is None:
        raise Http404("No such unit")
    access = access_for(request.user, unit)
    if not access.has(Capability.VIEW):
        raise Http404("No such unit")
    if not access.has(need):
        raise PermissionDenied(f"This needs the '{need}' right on {unit.slug}")
    return access


def require_framework_manager(request: HttpRequest) -> None:
    """Frameworks are shared by every unit: only platform admins and admins of a root unit
    (the parent organisation) may change them."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    if getattr(user, "is_superuser", False):
        return
    if Membership.objects.filter(user_id=user.pk, role=Role.ADMIN, unit__depth=0).exists():
        return
    raise PermissionDenied("Only the parent organisation's admins manage frameworks")


def is_framework_reader(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Frameworks are read by anyone who works on an assessment: any role anywhere."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(user_id=user.pk).exists()


def is_framework_manager(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(user_id=user.pk, role=Role.ADMIN, unit__depth=0).exists()

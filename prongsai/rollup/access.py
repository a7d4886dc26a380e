"""Who sees a roll-up: the viewers, admins and evaluators of the unit (or of a unit above it),
and platform admins. Roles that stay in their own unit (editor, head) see that unit's own
pages, not the units below it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.organizations.duties import subtree_roles


def may_see_rollup(access: UnitAccess) -> bool:
    return access.is_superuser or bool(access.roles & subtree_roles())


def rollup_access(
    request: HttpRequest, slug: str, need: Capability = Capability.VIEW
) -> UnitAccess:
    access = unit_access(request, slug, need=need)
    if not may_see_rollup(access):
        raise PermissionDenied("The roll-up is for viewers, admins and evaluators of the unit")
    return access

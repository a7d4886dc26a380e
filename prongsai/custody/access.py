"""Who may do what in custody. Every view starts here (after ``unit_access``'s 404/403)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.organizations.models import Unit

from .roles import EVIDENCE_CUSTODIAN, PROPERTY_CUSTODIAN


@dataclass(frozen=True)
class CustodyAccess:
    access: UnitAccess
    user: User

    @property
    def unit(self) -> Unit:
        return self.access.unit

    def _holds(self, role: str) -> bool:
        return role in (self.access.own_roles - self.access.suspended)

    @property
    def is_evidence_custodian(self) -> bool:
        return self._holds(EVIDENCE_CUSTODIAN)

    @property
    def can_keep_property(self) -> bool:
        return self._holds(PROPERTY_CUSTODIAN) or self.access.has(Capability.EDIT)

    @property
    def can_keep_evidence(self) -> bool:
        return self.is_evidence_custodian


def holds_custody_role(access: UnitAccess) -> bool:
    return bool((access.own_roles - access.suspended) & {PROPERTY_CUSTODIAN, EVIDENCE_CUSTODIAN})


def custody_access(request: HttpRequest, slug: str) -> CustodyAccess:
    """404 without a role reaching the unit (``unit_access``)."""
    access = unit_access(request, slug, need=Capability.VIEW)
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404("No such unit")
    return CustodyAccess(access=access, user=user)


def require_property_keeper(custody: CustodyAccess) -> None:
    if not custody.can_keep_property:
        raise PermissionDenied("Only the unit's property custodians and editors change this")


def require_evidence_custodian(custody: CustodyAccess) -> None:
    if not custody.can_keep_evidence:
        raise PermissionDenied("Only the unit's custodians of seized evidence write here")

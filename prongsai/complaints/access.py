"""Who may see the complaints of a unit.

Cases are seen only by holders of the complaint roles *in the unit itself* (a role reaching down
from a unit above gives nothing here, and platform admins get nothing either: these are the most
sensitive data in the product). A handler named in a case is excluded from it. The head of the
unit reads the list of identity reveals.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.organizations.duties import Role
from prongsai.organizations.models import Unit

from .models import Complaint
from .roles import CUSTODIAN, HANDLER


@dataclass(frozen=True)
class CaseAccess:
    access: UnitAccess
    user: User

    @property
    def unit(self) -> Unit:
        return self.access.unit

    def _holds(self, role: str) -> bool:
        return role in (self.access.own_roles - self.access.suspended)

    @property
    def is_handler(self) -> bool:
        return self._holds(HANDLER)

    @property
    def is_custodian(self) -> bool:
        return self._holds(CUSTODIAN)

    @property
    def is_head(self) -> bool:
        return Role.HEAD in self.access.own_roles


def holds_complaint_role(access: UnitAccess) -> bool:
    held = access.own_roles - access.suspended
    return bool(held & {HANDLER, CUSTODIAN})


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404("No such unit")
    return user


def case_access(request: HttpRequest, slug: str, *, custodian: bool = False) -> CaseAccess:
    """404 without a role reaching the unit; 403 without a (non-suspended) complaint role, or
    without the custodian role when ``custodian``."""
    access = unit_access(request, slug, need=Capability.VIEW)
    result = CaseAccess(access=access, user=_user(request))
    if custodian:
        if not result.is_custodian:
            raise PermissionDenied("Only identity custodians reveal identities")
    elif not (result.is_handler or result.is_custodian):
        raise PermissionDenied("Only the unit's complaint handlers see its complaints")
    return result


def head_access(request: HttpRequest, slug: str) -> CaseAccess:
    access = unit_access(request, slug, need=Capability.VIEW)
    result = CaseAccess(access=access, user=_user(request))
    if not (result.is_head or result.is_custodian):
        raise PermissionDenied("The reveals list is for the unit's head")
    return result


def case_of(case: CaseAccess, complaint_id: uuid.UUID) -> Complaint:
    """The unit's case, or 404 (another unit's case, a purged one, or one the handler is named
    in)."""
    complaint = (
        Complaint.objects.filter(pk=complaint_id, unit=case.unit, purged_at__isnull=True)
        .exclude(excluded=case.user)
        .first()
    )
    if complaint is None:
        raise Http404("No such case")
    return complaint


def require_handler(case: CaseAccess) -> None:
    if not case.is_handler:
        raise PermissionDenied("Only complaint handlers change a case")

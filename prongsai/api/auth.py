"""``Authorization: Bearer <token>``: the personal token, its rate limit, and the unit checks of
the views (``prongsai.organizations.access``), narrowed by the token's scope and subtree."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from prongsai.assessments.models import Assessment
from prongsai.organizations.access import Capability, UnitAccess, access_for
from prongsai.organizations.models import Unit
from prongsai.surveys.ratelimit import rate_prepare, rate_settle, rate_statement

from .models import ApiToken
from .services import token_touch
from .tokens import token_lookup


class TokenAuth(HttpBearer):
    """Finds the token; counts the request against the token's limit per minute (the product's
    database rate counter, shared by every app server).

    The count is one upsert statement in autocommit (one round trip, its own commit), not a
    transaction around it: the counter is the same row every server increments, so the limit
    is as strict, only cheaper. Inside a caller's transaction (tests) it joins that one."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_lookup(token.strip())
        if found is None:
            return None
        hit = rate_prepare(
            scope="api", address=str(found.pk), limit=int(settings.API_RATE_LIMIT_PER_MINUTE)
        )
        with connection.cursor() as cursor:
            sql, params = rate_statement(hit)
            cursor.execute(sql, params)
            row = cursor.fetchone()
        assert row is not None
        if int(row[0]) == 1:  # the first request of a minute notes the token's use
            token_touch(token=found)
        rate_settle(hit, int(row[0]))
        return found


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)
    return token


def in_token_subtree(token: ApiToken, unit: Unit) -> bool:
    return token.unit is None or unit.is_descendant_of(token.unit)


def unit_for(request: HttpRequest, slug: str, need: Capability = Capability.VIEW) -> UnitAccess:
    """The unit with the token user's rights, as ``unit_access`` gives a view: 404 when the
    user holds no role reaching it (or it lies outside the token's subtree), 403 when the role
    does not grant ``need`` or the token is read-only and ``need`` is a write."""
    token = token_of(request)
    unit = Unit.objects.filter(slug=slug, is_active=True).select_related("parent").first()
    if unit is None or not in_token_subtree(token, unit):
        raise Http404
    access = access_for(token.user, unit)
    if not access.has(Capability.VIEW):
        raise Http404
    if need is not Capability.VIEW and not token.can_write:
        raise PermissionDenied(_("This token is read-only: make a read-write token to write."))
    if not access.has(need):
        raise PermissionDenied(_("Your role in this unit does not allow this."))
    return access


def assessment_for(access: UnitAccess, year: int) -> Assessment:
    found = (
        Assessment.objects.filter(unit=access.unit, year=year)
        .select_related("unit", "framework")
        .defer("framework__definition")  # the spec is cached by (id, checksum)
        .first()
    )
    if found is None:
        raise Http404
    return found


def public_assessment(slug: str, year: int) -> Assessment:
    """An assessment whose public pages exist (any active unit's, any year it has)."""
    found = (
        Assessment.objects.filter(unit__slug=slug, unit__is_active=True, year=year)
        .select_related("unit", "framework")
        .defer("framework__definition")  # the spec is cached by (id, checksum)
        .first()
    )
    if found is None:
        raise Http404
    return found


def user_of(request: HttpRequest) -> Any:
    return token_of(request).user

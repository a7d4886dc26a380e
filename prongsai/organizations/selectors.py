"""Reads for units and memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from .models import SUBTREE_ROLES, Membership, Role, Unit


def _scope_filter(user: AbstractBaseUser | AnonymousUser, roles: set[str] | None = None) -> Q:
    memberships = Membership.objects.filter(user_id=int(user.pk or 0)).select_related("unit")
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    query = Q(pk__in=[])
    for membership in memberships:
        query |= Q(pk=membership.unit_id)
        if membership.role in SUBTREE_ROLES:
            query |= Q(path__startswith=membership.unit.path)
    return query


def units_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Unit]:
    """Every active unit the user may at least view, in tree order."""
    if not user.is_authenticated:
        return Unit.objects.none()
    units = Unit.objects.filter(is_active=True)
    if getattr(user, "is_superuser", False):
        return units.order_by("path")
    return units.filter(_scope_filter(user)).order_by("path")


def units_in_evaluator_scope(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Unit]:
    if not user.is_authenticated:
        return Unit.objects.none()
    units = Unit.objects.filter(is_active=True)
    if getattr(user, "is_superuser", False):
        return units.order_by("path")
    return units.filter(_scope_filter(user, {Role.EVALUATOR})).order_by("path")


def unit_subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path, is_active=True).order_by("path")


def unit_ancestors(unit: Unit) -> list[Unit]:
    slugs = unit.ancestor_slugs()
    by_slug = {u.slug: u for u in Unit.objects.filter(slug__in=slugs)}
    return [by_slug[s] for s in slugs if s in by_slug]


def unit_members(unit: Unit) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__username")
    )


def unit_heads(unit: Unit) -> QuerySet[Membership]:
    return unit_members(unit).filter(role=Role.HEAD)

"""Reads for units and memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from .duties import Granter, Held, Role, subtree_roles, suspends
from .models import Membership, PendingGrant, Unit


def _scope_filter(user: AbstractBaseUser | AnonymousUser, roles: set[str] | None = None) -> Q:
    memberships = Membership.objects.filter(user_id=int(user.pk or 0)).select_related("unit")
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    query = Q(pk__in=[])
    reaching_down = subtree_roles()
    for membership in memberships:
        query |= _reach(membership, reaching_down)
    return query


def _reach(membership: Membership, reaching_down: frozenset[str]) -> Q:
    if membership.role in reaching_down:
        return Q(pk=membership.unit_id) | Q(path__startswith=membership.unit.path)
    return Q(pk=membership.unit_id)


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
    if not getattr(user, "is_superuser", False):
        units = units.filter(_scope_filter(user, {Role.EVALUATOR}))
    # Separation of duties: not the units in which the evaluator also holds another role.
    reaching_down = subtree_roles()
    excluded = Q(pk__in=[])
    others = Membership.objects.filter(user_id=int(user.pk or 0)).select_related("unit")
    for membership in others:
        if suspends(Role.EVALUATOR, membership.role):
            excluded |= _reach(membership, reaching_down)
    return units.exclude(excluded).order_by("path")


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


def pending_grants_of(unit: Unit) -> QuerySet[PendingGrant]:
    return (
        PendingGrant.objects.filter(unit=unit, state=PendingGrant.State.PENDING)
        .select_related("user", "requested_by")
        .order_by("created_at")
    )


def granter_of(actor: AbstractBaseUser | AnonymousUser | str | None) -> Granter:
    """What ``actor`` may grant from: a platform admin (a superuser, or the operator's own
    commands, which pass a string), and the units where they are admin or head."""
    if actor is None or isinstance(actor, str):
        return Granter(is_platform=True)
    if not actor.is_authenticated:
        return Granter()
    rows = Membership.objects.filter(
        user_id=actor.pk, role__in=[Role.ADMIN, Role.HEAD]
    ).values_list("role", "unit__path")
    return Granter(
        is_platform=bool(getattr(actor, "is_superuser", False)),
        admin_paths=frozenset(path for role, path in rows if role == Role.ADMIN),
        head_paths=frozenset(path for role, path in rows if role == Role.HEAD),
    )


def holdings_of(user_id: int) -> list[Held]:
    return [
        Held(role, path)
        for role, path in Membership.objects.filter(user_id=user_id).values_list(
            "role", "unit__path"
        )
    ]

"""Every route that is not marked public turns away an anonymous visitor and an outsider.

Enumerates all URL patterns (so a new view is covered the moment it is routed), fills in real
keyword values (tests/route_values.py) and checks GET and POST. Routes are private unless their
view is marked ``@public`` or ``@personal`` (own account only, see prongsai/core/routing.py):
anonymous → redirect to log-in, 403 or 404; outsider (logged in, no role) → 403 or 404
(or Django admin's own log-in redirect).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from prongsai.core.models import AuditEntry
from prongsai.core.routing import is_personal, is_public
from prongsai.organizations.duties import Role, registered_roles, subtree_roles
from prongsai.organizations.models import Membership

from .conftest import Personas, Tree
from .factories import UserFactory
from .route_values import VALUE_BUILDERS


@dataclass
class Route:
    name: str
    callback: Any
    kwargs: tuple[str, ...]


def _walk(patterns: list[Any], namespace: str = "") -> list[Route]:
    routes = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            routes += _walk(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            kwargs = tuple(entry.pattern.converters) if hasattr(entry.pattern, "converters") else ()
            routes.append(Route(name, entry.callback, kwargs))
    return routes


ALL_ROUTES = _walk(get_resolver().url_patterns)
ADMIN_ROUTES = [r for r in ALL_ROUTES if r.name.startswith("admin:")]
# The REST API's operations ("api:…") answer a missing token with 401: they are walked from the
# OpenAPI document in tests/api/test_a_token_never_opens_another_units_resources.py.
APP_ROUTES = [r for r in ALL_ROUTES if not r.name.startswith(("admin:", "api:"))]
PRIVATE_ROUTES = [
    r for r in APP_ROUTES if not is_public(r.callback) and not is_personal(r.callback)
]
PERSONAL_ROUTES = [r for r in APP_ROUTES if is_personal(r.callback)]
PUBLIC_ROUTES = [r for r in APP_ROUTES if is_public(r.callback)]


@dataclass
class World:
    tree: Tree
    people: Personas
    assessment: Any


@pytest.fixture
def world(tree: Tree, people: Personas, assessment: Any) -> World:
    return World(tree, people, assessment)


def _url(route: Route, world: World) -> str:
    missing = [k for k in route.kwargs if k not in VALUE_BUILDERS]
    assert not missing, f"{route.name}: add a value builder for {missing} in tests/route_values.py"
    return reverse(route.name, kwargs={k: VALUE_BUILDERS[k](world) for k in route.kwargs})


def test_the_enumeration_finds_the_routes() -> None:
    names = {r.name for r in ALL_ROUTES}
    assert {"home", "login", "organizations:members", "scoring:dashboard"} <= names
    assert len(PRIVATE_ROUTES) >= 8


@pytest.mark.parametrize("route", PRIVATE_ROUTES, ids=lambda r: r.name)
def test_anonymous_visitors_are_sent_to_log_in(route: Route, world: World, client: Any) -> None:
    url = _url(route, world)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), (method, url)
        else:
            assert response.status_code in (403, 404), (method, url, response.status_code)


@pytest.mark.parametrize("route", PRIVATE_ROUTES, ids=lambda r: r.name)
def test_outsiders_get_403_or_404(route: Route, world: World, client: Any) -> None:
    client.force_login(world.people.outsider)
    url = _url(route, world)
    post = client.post(url)
    assert post.status_code in (403, 404), (url, post.status_code)
    get = client.get(url)
    # A POST-only view answers GET with 405 before any data is touched; that is fine.
    assert get.status_code in (403, 404, 405), (url, get.status_code)


@pytest.mark.parametrize("route", PERSONAL_ROUTES, ids=lambda r: r.name)
def test_personal_routes_need_log_in_but_no_role(route: Route, world: World, client: Any) -> None:
    url = _url(route, world)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(world.people.outsider)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=lambda r: r.name)
def test_public_routes_answer_anonymous_visitors_without_error(
    route: Route, world: World, client: Any
) -> None:
    response = client.get(_url(route, world))
    assert response.status_code < 500


def test_django_admin_is_closed_to_outsiders(world: World, client: Any) -> None:
    client.force_login(world.people.outsider)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- separation of duties (issue 10, "What it must show" 3) ---------------------------------
# The routes that evaluating a unit opens: a plain evaluator of the unit gets them, a viewer of
# the same unit does not. Found by asking (not listed by hand), once per run.
_EVALUATION_ROUTES: list[str] = []


def _evaluation_routes(world: World, client: Any) -> list[Route]:
    if not _EVALUATION_ROUTES:
        for route in PRIVATE_ROUTES:
            if "slug" not in route.kwargs:
                continue  # not about one unit (the evaluator console lists its scope, below)
            url = _url(route, world)
            client.force_login(world.people.evaluator)
            as_evaluator = client.get(url).status_code
            client.force_login(world.people.viewer)
            as_viewer = client.get(url).status_code
            if as_evaluator == 200 and as_viewer in (403, 404):
                _EVALUATION_ROUTES.append(route.name)
        client.logout()
    by_name = {route.name: route for route in PRIVATE_ROUTES}
    return [by_name[name] for name in _EVALUATION_ROUTES]


UNIT_ROLES = [rule.role for rule in registered_roles() if rule.role != Role.EVALUATOR]


@pytest.mark.parametrize("held_at", ["unit", "above"])
@pytest.mark.parametrize("role", UNIT_ROLES)
def test_nobody_evaluates_a_unit_in_which_they_hold_another_role(
    role: str, held_at: str, world: World, client: Any
) -> None:
    """For every role a member can hold in (or above) a unit, an evaluator role on top of it
    opens none of the unit's evaluation routes — even when the memberships were written behind
    the services' back (the services refuse to create them)."""
    routes = _evaluation_routes(world, client)
    assert "disclosures:review" in {route.name for route in routes}
    tree = world.tree
    if held_at == "above" and role not in subtree_roles():
        pytest.skip("this role does not reach the units below the one it is held in")
    person: Any = UserFactory(username="double-hat")
    Membership.objects.create(user=person, unit=tree.division, role=Role.EVALUATOR)
    Membership.objects.create(
        user=person, unit=tree.unit if held_at == "unit" else tree.bureau, role=role
    )
    client.force_login(person)
    entries = AuditEntry.objects.count()
    for route in routes:
        url = _url(route, world)
        assert client.get(url).status_code in (403, 404), (route.name, role)
        assert client.post(url, {"action": "accept"}).status_code in (403, 404), (route.name, role)
    assert AuditEntry.objects.count() == entries  # nothing was written
    # The evaluator console does not list the unit either.
    console = client.get(reverse("disclosures:console"))
    if console.status_code == 200:
        listed = {value for value, _label in console.context["form"].fields["unit"].choices}
        assert tree.unit.slug not in listed

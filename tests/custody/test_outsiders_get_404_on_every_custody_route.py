"""Every custody route (found by enumeration, with the real values of tests/route_values.py)
answers 404 to someone with no role reaching the unit — an outsider, or the editor of a sibling
unit — for GET and POST, and writes nothing: the unit's custody is not even shown to exist."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.core.models import AuditEntry

from ..test_route_access import PRIVATE_ROUTES, World, _url, world

__all__ = ["world"]

CUSTODY_ROUTES = [route for route in PRIVATE_ROUTES if route.name.startswith("custody:")]


def test_the_enumeration_finds_the_custody_routes() -> None:
    assert len(CUSTODY_ROUTES) >= 25


@pytest.mark.parametrize("route", CUSTODY_ROUTES, ids=lambda r: r.name)
def test_outsiders_get_404(route: Any, world: World, client: Any) -> None:
    url = _url(route, world)
    entries = AuditEntry.objects.count()
    for person in (world.people.outsider, world.people.sibling_editor):
        client.force_login(person)
        assert client.get(url).status_code in (404, 405), (person, url)
        assert client.post(url).status_code == 404, (person, url)
    assert AuditEntry.objects.count() == entries

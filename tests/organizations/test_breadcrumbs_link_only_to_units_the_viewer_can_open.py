"""The breadcrumb of every unit page names the units above it; it links a parent only when the
viewer can open that parent's page (a parent they hold no role reaching would answer 404), and
shows the others as plain text."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ..conftest import Personas, Tree

CRUMBS = re.compile(r'<nav aria-label="[^"]*" class="breadcrumbs">(.*?)</nav>', re.S)


def _crumbs(client: Any, user: Any, url: str) -> str:
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200
    match = CRUMBS.search(page.content.decode())
    assert match, "the page has a breadcrumb"
    return match.group(1)


@pytest.mark.parametrize(
    ("persona", "linked", "named_only"),
    [
        ("editor", [], ["bureau", "division"]),
        ("evaluator", ["division"], ["bureau"]),
        ("bureau_admin", ["bureau", "division"], []),
        ("viewer", ["bureau", "division"], []),
    ],
)
def test_parents_are_links_only_for_those_who_can_open_them(
    client: Any,
    tree: Tree,
    people: Personas,
    assessment: Any,
    persona: str,
    linked: list[str],
    named_only: list[str],
) -> None:
    user = getattr(people, persona)
    for url in [f"/u/{tree.unit.slug}/", f"/u/{tree.unit.slug}/2567/oit/"]:
        crumbs = _crumbs(client, user, url)
        for name in linked:
            parent = getattr(tree, name)
            assert f'href="/u/{parent.slug}/"' in crumbs, (persona, url, name)
            assert client.get(f"/u/{parent.slug}/").status_code == 200
        for name in named_only:
            parent = getattr(tree, name)
            assert f'href="/u/{parent.slug}/"' not in crumbs, (persona, url, name)
            assert parent.name in crumbs  # still named: where the unit sits
            assert client.get(f"/u/{parent.slug}/").status_code == 404


def test_the_frameworks_link_is_offered_only_to_those_who_can_open_it(
    client: Any, people: Personas, assessment: Any
) -> None:
    client.force_login(people.outsider)
    assert 'href="/frameworks/"' not in client.get("/").content.decode()
    assert client.get("/frameworks/").status_code == 403
    client.force_login(people.editor)
    assert 'href="/frameworks/"' in client.get("/").content.decode()
    assert client.get("/frameworks/").status_code == 200

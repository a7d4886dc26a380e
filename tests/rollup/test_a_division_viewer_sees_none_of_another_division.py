"""A viewer of division A sees none of division B's units on any roll-up page; roles that stay
in their own unit (editor) get no roll-up; outsiders get 404."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.organizations.models import Role

from ..factories import UserFactory, grant
from .conftest import Bureau


def test_a_division_viewer_sees_only_the_units_of_their_division(
    client: Any, bureau: Bureau
) -> None:
    tree = bureau.tree
    viewer = UserFactory(username="division-4-viewer")
    grant(viewer, tree.division, Role.VIEWER)
    client.force_login(viewer)
    page = client.get(reverse("rollup:overview", kwargs={"slug": tree.division.slug, "year": 2567}))
    assert page.status_code == 200
    slugs = {row.unit.slug for row in page.context["overview"].rows}
    assert slugs == {tree.division.slug, tree.unit.slug, tree.sibling.slug}
    html = page.content.decode()
    assert tree.other_unit.slug not in html and tree.other_division.slug not in html
    assert page.context["overview"].totals.survey("EIT") == [270, 400]
    # Not the other division's overview, nor the bureau's.
    for unit in (tree.other_division, tree.other_unit, tree.bureau):
        url = reverse("rollup:overview", kwargs={"slug": unit.slug, "year": 2567})
        assert client.get(url).status_code == 404
    # The bureau shows in the breadcrumbs as a name only, not as a link to its overview.
    bureau_overview = reverse("rollup:overview", kwargs={"slug": tree.bureau.slug, "year": 2567})
    assert bureau_overview not in html


def test_an_editor_of_the_unit_gets_no_roll_up_and_an_outsider_nothing(
    client: Any, bureau: Bureau
) -> None:
    url = reverse("rollup:overview", kwargs={"slug": bureau.tree.unit.slug, "year": 2567})
    client.force_login(bureau.people.editor)
    assert client.get(url).status_code == 403
    client.force_login(bureau.people.outsider)
    assert client.get(url).status_code == 404


def test_the_unit_page_links_a_bureau_viewer_to_the_overview(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    home = client.get(reverse("assessments:unit_home", kwargs={"slug": bureau.tree.bureau.slug}))
    link = reverse("rollup:overview_latest", kwargs={"slug": bureau.tree.bureau.slug})
    assert 'data-testid="rollup-link"' in home.content.decode() and link in home.content.decode()
    latest = client.get(link)
    assert latest["Location"] == reverse(
        "rollup:overview", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567}
    )

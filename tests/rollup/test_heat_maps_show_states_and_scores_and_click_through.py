"""The heat maps: units × OIT items with each item's state (legend, symbol, text for screen
readers) linking to the unit's item; units × indicators with the snapshot's scores; drill-down
and breadcrumbs that work at every level; a division viewer sees only their division."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.organizations.models import Role
from prongsai.scoring.models import ScoreSnapshot

from ..factories import UserFactory, grant
from .conftest import Bureau


def _heatmap(client: Any, slug: str, **query: Any) -> Any:
    response = client.get(reverse("rollup:heatmap", kwargs={"slug": slug, "year": 2567}), query)
    assert response.status_code == 200
    return response


def test_each_cell_shows_the_items_state_and_opens_the_units_item(
    client: Any, bureau: Bureau
) -> None:
    tree = bureau.tree
    client.force_login(bureau.people.viewer)
    response = _heatmap(client, tree.bureau.slug)
    rows = {row.unit.slug: row for row in response.context["heat"]}
    assert set(rows) == {tree.unit.slug, tree.sibling.slug, tree.other_unit.slug}
    kalasin = {cell.code: cell for cell in rows[tree.unit.slug].cells if cell}
    assert (kalasin["O1"].state, kalasin["O2"].state, kalasin["O3"].state) == (
        "accepted",
        "submitted",
        "none",
    )
    html = response.content.decode()
    item_url = reverse(
        "disclosures:item", kwargs={"slug": tree.unit.slug, "year": 2567, "code": "O1"}
    )
    assert f'data-testid="cell-{tree.unit.slug}-O1" href="{item_url}"' in html
    assert "ผ่านการตรวจรับ" in html and "ยังไม่ได้ดำเนินการ" in html  # the legend, in Thai
    assert 'data-testid="legend"' in html
    assert client.get(item_url).status_code == 200  # the click-through opens for the viewer


def test_the_indicator_heat_map_shows_the_snapshots_scores(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    response = _heatmap(client, bureau.tree.bureau.slug, view="indicators")
    rows = {row.unit.slug: row for row in response.context["heat"]}
    snapshot = ScoreSnapshot.objects.filter(assessment=bureau.kalasin).first()
    assert snapshot is not None
    values = {c.code: c.value for c in rows[bureau.tree.unit.slug].cells if c}
    assert values == {
        code: snapshot.result["indicators"].get(code)
        for code in bureau.kalasin.framework.spec.indicator_by_id
    }


def test_a_division_viewer_sees_only_their_division_on_the_heat_maps(
    client: Any, bureau: Bureau
) -> None:
    tree = bureau.tree
    viewer = UserFactory(username="division-1-viewer")
    grant(viewer, tree.other_division, Role.VIEWER)
    client.force_login(viewer)
    for view in ("oit", "indicators"):
        response = _heatmap(client, tree.other_division.slug, view=view)
        assert [row.unit.slug for row in response.context["heat"]] == [tree.other_unit.slug]
        assert tree.unit.slug not in response.content.decode()
    rates = client.get(
        reverse("rollup:rates", kwargs={"slug": tree.other_division.slug, "year": 2567})
    )
    assert rates.status_code == 200 and tree.unit.slug not in rates.content.decode()
    for name in ("rollup:heatmap", "rollup:rates"):
        url = reverse(name, kwargs={"slug": tree.division.slug, "year": 2567})
        assert client.get(url).status_code == 404


def test_drill_down_and_breadcrumbs_work_at_every_level(client: Any, bureau: Bureau) -> None:
    tree = bureau.tree
    client.force_login(bureau.people.viewer)
    bureau_page = client.get(
        reverse("rollup:overview", kwargs={"slug": tree.bureau.slug, "year": 2567})
    )
    division_url = reverse("rollup:overview", kwargs={"slug": tree.division.slug, "year": 2567})
    assert division_url in bureau_page.content.decode()  # drill down: bureau → division
    division_page = client.get(division_url)
    html = division_page.content.decode()
    crumbs = (
        html.split('class="breadcrumbs"', 1)[-1].split("</ol>", 1)[0]
        if 'class="breadcrumbs"' in html
        else html
    )
    bureau_url = reverse("rollup:overview", kwargs={"slug": tree.bureau.slug, "year": 2567})
    assert bureau_url in crumbs
    office_page = client.get(
        reverse("rollup:heatmap", kwargs={"slug": tree.unit.slug, "year": 2567})
    )
    office_html = office_page.content.decode()
    for slug in (tree.bureau.slug, tree.division.slug, tree.unit.slug):
        url = reverse("rollup:overview", kwargs={"slug": slug, "year": 2567})
        assert url in office_html
        assert client.get(url).status_code == 200


def test_reporting_rates_count_expected_reported_and_on_time(
    client: Any, bureau: Bureau, settings: Any
) -> None:
    settings.ROLLUP_ON_TIME_DAYS = 100_000  # every sending so far counts as on time
    client.force_login(bureau.people.viewer)
    response = client.get(
        reverse("rollup:rates", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567})
    )
    rates = response.context["rates"]
    offices = rates.oit_by_level[2]
    assert (offices.units, offices.expected, offices.published, offices.on_time) == (3, 72, 3, 3)
    assert offices.rate == round(100 * 3 / 72, 1)
    surveys = rates.surveys_by_level[2]
    assert (surveys.expected, surveys.published) == (6, 4)  # Khonkaen's IIT and EIT fall short
    by_item = {column.code: rate for column, rate in rates.oit_by_item}
    assert (by_item["O1"].expected, by_item["O1"].published, by_item["O1"].on_time) == (3, 2, 2)
    settings.ROLLUP_ON_TIME_DAYS = 0  # sent in 2026 for data of 2567 (2023–24): late
    late = client.get(
        reverse("rollup:rates", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567})
    )
    assert late.context["rates"].oit_by_level[2].on_time == 0


def test_a_units_name_is_shown_as_text_in_every_cell(client: Any, bureau: Bureau) -> None:
    """The cells are written in Python (one page holds 1,200): a name that looks like markup is
    still only text."""
    from prongsai.organizations.models import Unit

    Unit.objects.filter(pk=bureau.tree.unit.pk).update(name_th='ตม.<img src=x onerror="alert(1)">')
    client.force_login(bureau.people.viewer)
    html = _heatmap(client, bureau.tree.bureau.slug).content.decode()
    assert "<img src=x" not in html
    assert "ตม.&lt;img src=x onerror=&quot;alert(1)&quot;&gt; O1: " in html

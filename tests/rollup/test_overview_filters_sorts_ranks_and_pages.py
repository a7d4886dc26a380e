"""The overview filters by level, kind, status and "behind on …", sorts, ranks with ties,
shows the change on last year and pages through many units; bad filter values change nothing
and give a message, never an error."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.scoring.national import rescore_all

from .conftest import Bureau
from .helpers import answers, offices, oit_accept, open_year


def _overview(client: Any, bureau: Bureau, **query: Any) -> Any:
    url = reverse("rollup:overview", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567})
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def _slugs(response: Any) -> list[str]:
    return [row.unit.slug for row in response.context["page"]]


def test_behind_on_iit_lists_the_units_below_their_iit_target(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    assert _slugs(_overview(client, bureau, behind="iit")) == [bureau.tree.sibling.slug]
    assert _slugs(_overview(client, bureau, behind="plan_overdue")) == [bureau.tree.unit.slug]
    none = _overview(client, bureau, behind="no_assessment")
    assert set(_slugs(none)) == {
        bureau.tree.bureau.slug,
        bureau.tree.division.slug,
        bureau.tree.other_division.slug,
    }
    offices_only = _overview(client, bureau, kind="office", sort="-score")
    assert _slugs(offices_only)[-1] == bureau.tree.sibling.slug  # no score: last
    assert _slugs(_overview(client, bureau, level=1)) == [
        bureau.tree.other_division.slug,
        bureau.tree.division.slug,
    ]
    assert _slugs(_overview(client, bureau, status="none", q="division-4")) == [
        bureau.tree.division.slug
    ]


def test_equal_scores_share_a_rank_and_the_change_on_last_year_shows(
    client: Any, bureau: Bureau, framework: Any
) -> None:
    client.force_login(bureau.people.viewer)
    rows = {r.unit.slug: r for r in _overview(client, bureau).context["overview"].rows}
    kalasin, donmueang = rows[bureau.tree.unit.slug], rows[bureau.tree.other_unit.slug]
    # Same answers generator, same OIT result: the same total, so both rank first, tied.
    assert kalasin.total == donmueang.total
    assert (kalasin.rank, kalasin.tied, donmueang.rank, donmueang.tied) == (1, True, 1, True)
    assert rows[bureau.tree.sibling.slug].rank is None
    assert kalasin.change is None  # no 2566 snapshot yet
    html = _overview(client, bureau).content.decode()
    assert 'data-testid="rank">1<span title="คะแนนเท่ากัน">=</span>' in html


def test_last_years_snapshot_gives_the_change(client: Any, bureau: Bureau, framework: Any) -> None:
    last_year = open_year(bureau.tree.unit, framework, year=2566)
    answers(last_year, iit=12, eit=200, seed="older")
    oit_accept(last_year, "O1")
    rescore_all(assessment_ids=[last_year.pk])
    client.force_login(bureau.people.viewer)
    rows = {r.unit.slug: r for r in _overview(client, bureau).context["overview"].rows}
    row = rows[bureau.tree.unit.slug]
    assert row.previous_total is not None and row.total is not None
    assert row.change == round(row.total - row.previous_total, 2)


def test_many_units_are_paged_fifty_at_a_time(client: Any, bureau: Bureau, framework: Any) -> None:
    for unit in offices(bureau.tree.division, "many", 60):
        open_year(unit, framework)
    client.force_login(bureau.people.viewer)
    first = _overview(client, bureau)
    assert len(first.context["page"]) == 50 and first.context["shown"] == 66
    second = _overview(client, bureau, page=2)
    assert len(second.context["page"]) == 16
    assert "page=2" in first.content.decode()


def test_bad_filter_values_show_a_message_and_every_unit(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    response = _overview(client, bureau, level="x", behind="nonsense", sort="drop table", page="-1")
    assert response.context["shown"] == 6
    assert response.context["form"].errors
    assert "Select a valid choice" in str(response.context["form"].errors) or "เลือก" in str(
        response.context["form"].errors
    )

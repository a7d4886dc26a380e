"""The overview's figures for each unit are the ones the unit's own pages show, and the
subtree's totals are their sums."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .conftest import Bureau


def _context(client: Any, name: str, slug: str, year: int = 2567) -> Any:
    response = client.get(reverse(name, kwargs={"slug": slug, "year": year}))
    assert response.status_code == 200, name
    return response.context


def test_each_units_row_equals_its_own_dashboard_surveys_oit_and_plan_pages(
    client: Any, bureau: Bureau
) -> None:
    client.force_login(bureau.people.bureau_admin)
    overview = _context(client, "rollup:overview", bureau.tree.bureau.slug)["overview"]
    rows = {row.unit.slug: row for row in overview.rows}
    for assessment in (bureau.kalasin, bureau.khonkaen, bureau.donmueang):
        slug = assessment.unit.slug
        row = rows[slug]
        dashboard = _context(client, "scoring:dashboard", slug)
        assert row.total == dashboard["r"]["total"]
        assert row.score is not None and row.score.grade == (dashboard["r"]["grade"] or "")
        cards = {
            c.campaign.instrument: c for c in _context(client, "surveys:overview", slug)["cards"]
        }
        for instrument in ("IIT", "EIT"):
            assert row.surveys[instrument].count == cards[instrument].count
            assert row.surveys[instrument].target == cards[instrument].target
        workspace = _context(client, "disclosures:workspace", slug)
        assert row.oit.accepted == workspace["accepted"]
        assert row.oit.with_evidence == workspace["with_data"]
        assert row.items == workspace["total"]
        assert row.oit.states.get("submitted", 0) == workspace["counts"]["submitted"]
        plan_page = _context(client, "measures:plan", slug)
        assert row.plan.rows == plan_page["total"]
        assert row.plan.done == plan_page["counts"]["done"]
        assert row.plan.overdue == len(plan_page["overdue"])
    kalasin = rows[bureau.tree.unit.slug]
    assert (kalasin.surveys["EIT"].count, kalasin.oit.accepted, kalasin.oit.sent) == (250, 1, 2)
    assert (kalasin.plan.done, kalasin.plan.rows, kalasin.plan.overdue) == (1, 2, 1)


def test_the_totals_are_the_sums_of_the_units_rows(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    context = _context(client, "rollup:overview", bureau.tree.bureau.slug)
    overview = context["overview"]
    rows = [r for r in overview.rows if r.assessment is not None]
    totals = overview.totals
    assert totals.units == 6 and totals.assessed == 3
    assert totals.survey("EIT") == [470, 600]
    assert totals.accepted == sum(r.oit.accepted for r in rows) == 2
    assert totals.plan_done == 3 and totals.plan_rows == 4 and totals.plan_overdue == 1
    scores = [r.total for r in rows if r.total is not None]
    assert len(scores) == 2  # Khonkaen's 3 IIT answers of 12 give no score yet
    assert totals.average == round(sum(scores) / len(scores), 2)
    html = client.get(
        reverse("rollup:overview", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567})
    ).content.decode()
    assert 'data-testid="total-eit"><strong>470</strong> / 600' in html

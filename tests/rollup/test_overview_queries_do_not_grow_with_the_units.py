"""The overview reads a bounded number of queries, whatever the number of units below."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from prongsai.organizations.models import Role
from prongsai.scoring.national import rescore_all

from ..factories import UserFactory, grant, make_unit
from .helpers import complaint, offices, oit_send, open_year, plan, verdict

# Measured, the same at 10 units as at 200: overview 30, heat maps 29–30 (35 with a "behind on"
# filter, which reads the overview's figures), reporting rates 33 — session, user, second factor,
# access and navigation included; complaints and pre-check verdicts add one query each. One query per unit would add at least 10 here.
MAX_QUERIES = 36


def _subtree(framework: Any, n: int) -> Any:
    root = make_unit("q-bureau", kind="bureau")
    divisions = [make_unit(f"q-div-{d}", root, kind="division") for d in range(2)]
    for index, unit in enumerate(
        offices(divisions[0], "qa", n // 2) + offices(divisions[1], "qb", n - n // 2)
    ):
        assessment = open_year(unit, framework)
        if index % 3 == 0:
            plan(assessment, done=1, open_rows=1)
        if index % 4 == 0:
            oit_send(assessment, "O1")
            verdict(assessment, "O1", "fail")
        if index % 5 == 0:
            complaint(unit, dt.date(2024, 1, 10), concluded=dt.date(2024, 1, 20))
    rescore_all()
    viewer = UserFactory(username="q-viewer")
    grant(viewer, root, Role.VIEWER)
    return root, viewer


@pytest.mark.parametrize("n", [10, 200])
def test_the_overview_needs_the_same_few_queries_for_10_and_200_units(
    client: Any, framework: Any, n: int, django_assert_max_num_queries: Any
) -> None:
    root, viewer = _subtree(framework, n)
    client.force_login(viewer)
    url = reverse("rollup:overview", kwargs={"slug": root.slug, "year": 2567})
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(url, {"behind": "plan_overdue", "sort": "-score"})
    assert page.status_code == 200
    assert page.context["overview"].totals.units == n + 3
    assert page.context["shown"] == len(range(0, n, 3))


@pytest.mark.parametrize("n", [10, 200])
@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("rollup:heatmap", {}),
        ("rollup:heatmap", {"view": "indicators"}),
        ("rollup:heatmap", {"behind": "plan_overdue"}),
        ("rollup:rates", {}),
    ],
)
def test_the_heat_maps_and_rates_need_the_same_few_queries_for_10_and_200_units(
    client: Any,
    framework: Any,
    n: int,
    name: str,
    query: dict[str, str],
    django_assert_max_num_queries: Any,
) -> None:
    root, viewer = _subtree(framework, n)
    client.force_login(viewer)
    url = reverse(name, kwargs={"slug": root.slug, "year": 2567})
    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(url, query)
    assert page.status_code == 200

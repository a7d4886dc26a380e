"""The sitemap looks a unit's public address up once, not once per page: each URL asked for the
unit's own host name again (one query per page), and 50,001 pages took 227 s to list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.website import views_site
from prongsai.website.models import HostName

from ..conftest import Tree


@pytest.mark.parametrize("own_host", [False, True], ids=["on-this-site", "on-its-own-host"])
def test_the_queries_do_not_grow_with_the_pages(
    tree: Tree, client: Any, monkeypatch: Any, own_host: bool
) -> None:
    if own_host:
        HostName.objects.create(unit=tree.unit, host="ita.kalasin.example.go.th")
    pages = {"n": 0}

    def many(unit: Any) -> Iterator[str]:
        if unit.pk == tree.unit.pk:
            for n in range(pages["n"]):
                yield f"/p/{unit.slug}/news/{n}/"

    monkeypatch.setattr(views_site, "unit_pages", many)
    counted = {}
    for n in (5, 200):
        pages["n"] = n
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/sitemap-pages.xml")
        assert response.status_code == 200
        text = response.content.decode()
        assert text.count("<loc>") == n
        expected = (
            "://ita.kalasin.example.go.th/news/199/"
            if own_host
            else f"/p/{tree.unit.slug}/news/199/"
        )
        assert n == 5 or expected in text
        counted[n] = len(queries.captured_queries)
    assert counted[200] == counted[5], counted

"""``/sitemap.xml`` is a sitemap index whose pages hold at most 50,000 URLs each (the sitemap
protocol's limit): a site with more public pages than that lists every one of them, over several
valid files, instead of cutting the list at 50,000."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from prongsai.website import views_site

from ..conftest import Tree

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_more_than_50000_pages_are_listed_over_several_sitemaps(
    tree: Tree, client: Any, monkeypatch: Any
) -> None:
    def many(unit: Any) -> Iterator[str]:
        if unit.pk == tree.unit.pk:
            for n in range(50_001):
                yield f"/p/{unit.slug}/news/{n}/"

    monkeypatch.setattr(views_site, "unit_pages", many)
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own)
    assert index.tag == f"{NS}sitemapindex"
    pages = [loc.text or "" for loc in index.iter(f"{NS}loc")]
    assert [re.sub(r"^https?://[^/]+", "", p) for p in pages] == [
        "/sitemap-pages.xml", "/sitemap-pages.xml?p=2"
    ]  # fmt: skip
    listed: list[str] = []
    for query in ({}, {"p": "2"}):
        response = client.get("/sitemap-pages.xml", query)
        assert response.status_code == 200
        urlset = ElementTree.fromstring(response.content)  # noqa: S314 (our own)
        assert urlset.tag == f"{NS}urlset"
        locs = [loc.text or "" for loc in urlset.iter(f"{NS}loc")]
        assert len(locs) <= 50_000
        listed += locs
    assert len(listed) == 50_001
    assert listed[-1].endswith(f"/p/{tree.unit.slug}/news/50000/")
    assert client.get("/sitemap-pages.xml", {"p": "3"}).status_code == 404
    assert client.get("/sitemap-pages.xml", {"p": "x"}).status_code == 404

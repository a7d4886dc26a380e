"""With ROLLUP_CACHE_SECONDS set, an app server reads a subtree's figures once and serves the
next requests (other filters, sorting, pages, the heat map's "behind on" filter) from them until
they are that old; with 0 every request reads them fresh."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.rollup import selectors

from .conftest import Bureau
from .helpers import oit_accept


def test_the_overview_is_read_once_and_kept_for_the_configured_seconds(
    client: Any, bureau: Bureau, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.ROLLUP_CACHE_SECONDS = 30
    selectors._OVERVIEWS.clear()
    client.force_login(bureau.people.viewer)
    url = reverse("rollup:overview", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567})
    first = client.get(url)
    oit_accept(bureau.khonkaen, "O1")  # a change within the 30 seconds
    with django_assert_max_num_queries(14):  # session, user, access, navigation: no figures
        kept = client.get(url, {"behind": "iit", "sort": "-score"})
    rows = {r.unit.slug: r for r in kept.context["overview"].rows}
    assert rows[bureau.tree.sibling.slug].oit.accepted == 0  # the kept figures
    assert first.context["overview"] is kept.context["overview"]
    settings.ROLLUP_CACHE_SECONDS = 0
    fresh = client.get(url)
    rows = {r.unit.slug: r for r in fresh.context["overview"].rows}
    assert rows[bureau.tree.sibling.slug].oit.accepted == 1
    selectors._OVERVIEWS.clear()

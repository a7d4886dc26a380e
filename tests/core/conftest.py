"""Fixtures for the core tests: the whole test world (tree, personas, an assessment), as the
route-access test builds it, and a measure posted through the plan's form."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ..conftest import Tree
from ..test_route_access import World, world

__all__ = ["World", "post_measure", "world"]


def post_measure(client: Any, tree: Tree, **fields: Any) -> Any:
    """POST a new measure of the seed unit's 2567 plan, in Thai; ``fields`` override a valid row."""
    url = reverse("measures:row_new", kwargs={"slug": tree.unit.slug, "year": 2567})
    data = {
        "indicator": "9",
        "issue": "ปรับปรุงเว็บไซต์",
        "activity": "ปรับปรุงข้อมูล",
        "status": "not_started",
        **fields,
    }
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="th")

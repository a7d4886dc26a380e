"""Only the unit's editors write its records: an editor of a sibling unit gets 404 (the unit is
not revealed), a viewer of the bureau reads (200) but cannot write (403); nothing changes."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.records.models import StatSeries, StatValue

from .helpers import enter_statistics

BASE = "/u/kalasin-immigration/2567/records"


@pytest.mark.django_db
def test_outsiders(client: Any, people: Any, tree: Any) -> None:
    enter_statistics(tree.unit)
    series = StatSeries.objects.get(name="การจับกุม")
    posts = {
        f"{BASE}/statistics/2566-10/": {f"s-{series.pk}": "999"},
        f"{BASE}/statistics/": {"name": "ใหม่"},
        f"{BASE}/operations/2566-10/": {"month": "2566-10", "work_area": "x", "activity": "y"},
        f"{BASE}/fund/": {"quarter": "q1", "allocated": "1", "spent": "1"},
        f"{BASE}/publish/statistics/2566-10/": {},
        f"{BASE}/series/{series.pk}/delete/": {},
    }
    client.force_login(people.sibling_editor)
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
        assert client.get(url).status_code in (404, 405), url
    client.force_login(people.viewer)
    assert client.get(f"{BASE}/statistics/2566-10/").status_code == 200
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert StatValue.objects.get(series=series, month="2566-10").value == 12
    assert StatSeries.objects.count() == 2

    client.force_login(people.editor)
    response = client.post(f"{BASE}/statistics/2566-10/", {f"s-{series.pk}": "15"})
    assert response.status_code == 302
    assert StatValue.objects.get(series=series, month="2566-10").value == 15

"""The unit's home links every OIT item and every dataset it publishes (the open-data catalogue,
``prongsai/opendata``), and Thai search covers its datasets too: a published series appears on the
home and is found by a word of its title, also after the unit renames it."""

from __future__ import annotations

from typing import Any

from django.test import TestCase
from django.urls import reverse

from prongsai.opendata.metadata import defaults
from prongsai.opendata.selectors import unit_datasets
from prongsai.publications.registry import series_for
from tests.procurement.helpers import publish_period

from ..conftest import Personas, Tree


def test_the_home_links_every_dataset_and_search_finds_it(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    slug = tree.unit.slug
    client.force_login(people.editor)
    assert publish_period(client, tree.unit, "2566-12").status_code == 302
    values = defaults(tree.unit, series_for("procurement.summary"))
    values.update(title="สรุปผลการจัดซื้อจัดจ้างรายเดือนของด่านตรวจ")
    edit = reverse("opendata:unit_dataset", kwargs={"slug": slug, "series": "procurement-summary"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(edit, values).status_code == 302
    client.logout()

    datasets = unit_datasets(tree.unit)
    assert datasets
    home = client.get(f"/p/{slug}/").content.decode()
    for dataset in datasets:  # every one
        assert f'href="{reverse("opendata:dataset", kwargs={"dataset_id": dataset.id})}"' in home
    assert "สรุปผลการจัดซื้อจัดจ้างรายเดือนของด่านตรวจ" in home
    [renamed] = [d for d in datasets if d.series.name == "procurement.summary"]
    path = reverse("opendata:dataset", kwargs={"dataset_id": renamed.id})
    assert client.get(path).status_code == 200
    found = client.get(
        f"/p/{slug}/search/", {"q": "สรุปผลการจัดซื้อจัดจ้างรายเดือนของด่านตรวจ"}
    ).content.decode()
    assert f'href="{path}"' in found

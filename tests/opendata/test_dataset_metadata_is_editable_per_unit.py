from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from rdflib import Graph, Literal
from rdflib.namespace import DCAT, DCTERMS, RDF

from prongsai.core.models import AuditEntry
from prongsai.opendata.metadata import FIELDS, defaults
from prongsai.publications.registry import series_for
from tests.procurement.helpers import publish_period


def test_dataset_metadata_is_editable_per_unit(client: Any, people: Any, tree: Any) -> None:
    client.force_login(people.editor)
    publish_period(client, tree.unit, "2566-12")
    url = reverse(
        "opendata:unit_dataset", kwargs={"slug": tree.unit.slug, "series": "procurement-summary"}
    )
    form = client.get(url)
    assert form.status_code == 200
    values = defaults(tree.unit, series_for("procurement.summary"))
    for field in FIELDS:  # every data.go.th field, with its Thai label
        if field.editable:
            assert f'name="{field.key}"' in form.content.decode()
    values.update(title="ข้อมูลการจัดซื้อจัดจ้าง ตม.จว.กาฬสินธุ์", tags="จัดซื้อจัดจ้าง, สขร.1")
    assert client.post(url, values).status_code == 302
    entry = AuditEntry.objects.get(action="dataset.metadata")
    assert entry.changes["title"][1] == "ข้อมูลการจัดซื้อจัดจ้าง ตม.จว.กาฬสินธุ์"
    graph = Graph().parse(data=Client().get("/catalog.ttl").content, format="turtle")
    titles = {str(graph.value(d, DCTERMS.title)) for d in graph.subjects(RDF.type, DCAT.Dataset)}
    assert "ข้อมูลการจัดซื้อจัดจ้าง ตม.จว.กาฬสินธุ์" in titles
    keywords = set(graph.objects(None, DCAT.keyword))
    assert Literal("สขร.1", lang="th") in keywords
    # Another unit's editor cannot change it.
    client.force_login(people.sibling_editor)
    assert client.post(url, values).status_code == 404

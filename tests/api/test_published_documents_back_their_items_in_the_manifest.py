"""A series published through the shared publication mechanism shows in the manifest under its
OIT item (each format's public URL, version, content type and SHA-256) and in the public
documents list; the manifest still validates against its JSON Schema."""

from __future__ import annotations

import hashlib

import jsonschema
from django.test import Client

from prongsai.api.manifest import shipped_schema
from prongsai.publications.models import Publication

from ..publications.helpers import publish, register_test_series
from .conftest import Units


def test_a_published_month_is_listed_under_its_item(units: Units) -> None:
    register_test_series()
    publish(units.people, units.tree, "2566-10")
    client = Client()
    manifest = client.get("/p/kalasin-immigration/2567/manifest.json").json()
    jsonschema.validate(manifest, shipped_schema(), cls=jsonschema.Draft202012Validator)
    item = next(i for i in manifest["items"] if i["code"] == "O10")
    assert {d["format"] for d in item["documents"]} == {"csv", "json"}
    for document in item["documents"]:
        assert document["period"] == "2566-10" and document["version"] == 1
        published = Publication.objects.get(fmt=document["format"], superseded_at__isnull=True)
        served = client.get(document["url"].removeprefix("http://testserver"))
        assert served.status_code == 200
        body = b"".join(served.streaming_content) if served.streaming else served.content  # type: ignore[attr-defined]
        assert hashlib.sha256(body).hexdigest() == document["sha256"] == published.document.sha256
    assert all(not i["documents"] for i in manifest["items"] if i["code"] != "O10")
    listed = client.get("/api/v1/public/units/kalasin-immigration/years/2567/documents").json()
    assert sorted(d["format"] for d in listed) == ["csv", "json"]
    assert {d["item_code"] for d in listed} == {"O10"}


def test_a_correction_lists_only_the_current_version(units: Units) -> None:
    register_test_series()
    publish(units.people, units.tree, "2566-10")
    publish(units.people, units.tree, "2566-10", reason="แก้ไขตัวเลข")
    listed = Client().get("/api/v1/public/units/kalasin-immigration/years/2567/documents").json()
    assert {d["version"] for d in listed} == {2} and len(listed) == 2

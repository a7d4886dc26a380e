"""The disclosure manifest of the demo's unit validates against the JSON Schema shipped in the
repository and lists all 24 items with their public URLs, their published evidence (URL, period,
content type, SHA-256, last change) and the pre-check verdict; ``ita_links --format json``
prints the same; the shipped schema is the one the code defines."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.db import transaction

from prongsai.api.manifest import manifest_schema, shipped_schema
from prongsai.demo import prechecks as demo_prechecks
from prongsai.demo.base import load_base
from prongsai.demo.disclosures import load_demo
from prongsai.disclosures.models import Evidence

URL = "/p/kalasin-immigration/2567/manifest.json"


@pytest.fixture
def demo(db: None) -> Any:
    with transaction.atomic():
        ctx = load_base()
    with transaction.atomic():
        load_demo(ctx)
    with transaction.atomic():
        demo_prechecks.load_demo(ctx)
    return ctx


def test_the_shipped_schema_is_the_one_the_code_defines() -> None:
    assert shipped_schema() == manifest_schema()
    jsonschema.Draft202012Validator.check_schema(shipped_schema())


def test_the_demo_manifest_validates_and_lists_24_items(client: Any, demo: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    manifest = response.json()
    jsonschema.validate(manifest, shipped_schema(), cls=jsonschema.Draft202012Validator)
    assert manifest["framework"]["id"] == "ita-2567-police"
    items = manifest["items"]
    assert [i["code"] for i in items] == [f"O{n}" for n in range(1, 25)]
    published = Evidence.objects.filter(work__assessment=demo.assessment, is_published=True)
    assert sum(len(i["evidence"]) for i in items) == published.count()
    for item in items:
        assert item["public_url"].endswith(f"/p/kalasin-immigration/2567/oit/{item['code']}/")
        assert client.get(item["public_url"]).status_code == 200
        assert item["evidence"], item["code"]
        assert item["precheck"] is not None and item["precheck"]["status"] in {
            "pass",
            "warn",
            "fail",
        }
        for evidence in item["evidence"]:
            assert evidence["url"].startswith(("http://", "https://"))
            assert evidence["last_updated"]
    files = [e for i in items for e in i["evidence"] if e["kind"] == "file"]
    assert files and all(len(e["sha256"]) == 64 and e["content_type"] for e in files)
    assert {i["state"] for i in items} == {"accepted", "returned"}
    assert next(i for i in items if i["code"] == "O4")["precheck"]["status"] == "fail"


def test_ita_links_json_prints_the_same_manifest(client: Any, demo: Any) -> None:
    out = StringIO()
    call_command("ita_links", unit="kalasin-immigration", year=2567, format="json", stdout=out)
    printed = json.loads(out.getvalue())
    served = client.get(URL).content.decode()
    # The command's links use the site's address (SITE_URL, else 127.0.0.1:8000), the page's
    # the address it was asked on: otherwise the two are the same document.
    base = printed["public_index_url"].split("/p/")[0]
    assert json.loads(served.replace("http://testserver", base)) == printed
    text = StringIO()
    call_command("ita_links", unit="kalasin-immigration", year=2567, stdout=text)
    assert [line.split("\t")[1] for line in text.getvalue().splitlines()] == [
        i["public_url"] for i in printed["items"]
    ]

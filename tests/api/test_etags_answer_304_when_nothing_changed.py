"""Every successful GET carries a strong ETag; sending it back in If-None-Match answers 304 with
no body, until the resource changes."""

from __future__ import annotations

from prongsai.disclosures.services import evidence_add_link
from prongsai.frameworks.models import Item

from .conftest import Api, Units, base, token


def test_list_and_detail_round_trip_to_304(units: Units) -> None:
    client = Api(token(units.people.editor))
    for url in (f"{base(units)}/oit-items", f"{base(units)}/oit-items/O1", "/api/v1/units"):
        first = client.get(url)
        assert first.status_code == 200
        etag = first["ETag"]
        assert etag.startswith('"') and len(etag) == 34
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again.content == b"" and again["ETag"] == etag
        assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_change_gives_a_new_etag(units: Units) -> None:
    client = Api(token(units.people.editor))
    url = f"{base(units)}/oit-items/O1"
    etag = client.get(url)["ETag"]
    evidence_add_link(
        actor=units.people.editor,
        assessment=units.a,
        item=Item.objects.get(framework=units.a.framework, code="O1"),
        title="โครงสร้าง",
        url="https://kalasin.immigration.go.th/structure",
    )
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_public_manifest_round_trips_too(units: Units) -> None:
    client = Api()
    url = "/p/kalasin-immigration/2567/manifest.json"
    first = client.get(url)
    assert first.status_code == 200 and first["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

"""The manifest is stored in the database per version of what it shows (shared by every app
server): a second request answers the stored body without building it again, and a change to the
evidence (added, edited, removed) or to the item's work gives a new version, never a stale body."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.api import manifest_cache
from prongsai.api.models import ManifestCache
from prongsai.disclosures.models import Evidence

from .conftest import Api, Units, token

LINK = {"title": "รายงานผลการดำเนินงาน", "url": "https://kalasin.immigration.go.th/o1.pdf"}


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    seen: list[Any] = []
    real = manifest_cache.manifest_bytes

    def counting(assessment: Any) -> bytes:
        seen.append(assessment.pk)
        return real(assessment)

    monkeypatch.setattr(manifest_cache, "manifest_bytes", counting)
    return seen


def _urls(response: Any) -> list[str]:
    item = next(i for i in response.json()["items"] if i["code"] == "O1")
    return [e["url"] for e in item["evidence"]]


def test_a_second_request_is_answered_from_the_stored_manifest(
    units: Units, builds: list[Any]
) -> None:
    url = f"/p/{units.a.unit.slug}/{units.a.year}/manifest.json"
    first, second = Api().get(url), Api().get(url)
    assert first.content == second.content and len(builds) == 1
    api_url = f"/api/v1/public/units/{units.a.unit.slug}/years/{units.a.year}/manifest"
    assert Api().get(api_url).json() == first.json()  # the same language: the same row
    assert len(builds) == 1
    assert Api(language="th").get(url).status_code == 200
    assert ManifestCache.objects.count() == 2  # one per language


def test_a_change_to_the_evidence_gives_a_new_manifest(units: Units, builds: list[Any]) -> None:
    url = f"/p/{units.a.unit.slug}/{units.a.year}/manifest.json"
    assert _urls(Api().get(url)) == []
    writer = Api(token(units.people.editor, "read-write"))
    base = f"/api/v1/units/{units.a.unit.slug}/assessments/{units.a.year}"
    assert writer.post(f"{base}/oit-items/O1/evidence-links", LINK).status_code == 201
    assert _urls(Api().get(url))[0].startswith("http")
    evidence = Evidence.objects.get(url=LINK["url"])
    evidence.title = "รายงาน (ฉบับแก้ไข)"
    evidence.save()
    titles = [e["title"] for i in Api().get(url).json()["items"] for e in i["evidence"]]
    assert titles == ["รายงาน (ฉบับแก้ไข)"]
    evidence.delete()
    assert _urls(Api().get(url)) == []
    assert len(builds) == 4

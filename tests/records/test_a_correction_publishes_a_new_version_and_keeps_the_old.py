"""Publishing a month of statistics freezes a version per format at a public address; a
correction (with its reason) publishes version 2 from the corrected figures, and version 1 stays
downloadable, listed as superseded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from prongsai.publications.models import Publication

from .helpers import content, enter_statistics, publish_records

BASE = "/p/kalasin-immigration/2567/data/statistics"


@pytest.mark.django_db
def test_correction(people: Any, tree: Any) -> None:
    enter_statistics(tree.unit, values={"การจับกุม": 12})
    first = publish_records(people, tree, "statistics", "2566-10")
    assert sorted(p.fmt for p in first) == ["csv", "json", "pdf", "xlsx"]
    public = Client()
    response = public.get(f"{BASE}/2566-10.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(content(response))
    assert body["records"][0]["value"] == "12.00" and body["version"] == 1

    enter_statistics(tree.unit, values={"การจับกุม": 13})
    with pytest.raises(ValidationError):
        publish_records(people, tree, "statistics", "2566-10")  # a correction needs its reason
    publish_records(people, tree, "statistics", "2566-10", reason="แก้ไขจำนวนการจับกุม")

    def read(url: str) -> dict[str, Any]:
        r = public.get(url)
        assert r.status_code == 200
        return json.loads(content(r))

    assert read(f"{BASE}/2566-10.json")["records"][0]["value"] == "13.00"
    old = read(f"{BASE}/2566-10/v1.json")
    assert old["records"][0]["value"] == "12.00" and old["version"] == 1
    rows = Publication.objects.filter(series="records.statistics", fmt="pdf").order_by("version")
    assert [r.version for r in rows] == [1, 2]
    assert rows[0].superseded_at is not None and rows[1].superseded_at is None
    pdf = public.get(f"{BASE}/2566-10.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    listing = public.get(f"{BASE}/").content.decode()
    assert "v1" in listing or "1" in listing

"""A correction publishes a new version: the stable address serves it, the old version keeps its
own address and content, is listed as superseded, and a correction needs its reason."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.core.models import AuditEntry
from prongsai.publications.models import Publication

from ..conftest import Personas, Tree
from .helpers import FIGURE, publish, register_test_series


@pytest.fixture(autouse=True)
def _series() -> None:
    register_test_series()


def _json(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    return json.loads(b"".join(response.streaming_content))


def test_a_correction_is_a_new_version_beside_the_old_one(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    kwargs = {"slug": tree.unit.slug, "year": 2567, "series": "test-figures", "period": "2567-03"}
    FIGURE["value"] = 10
    publish(people, tree, "2567-03")
    FIGURE["value"] = 12
    with pytest.raises(ValidationError):
        publish(people, tree, "2567-03")  # no reason given: refused, nothing changed
    assert Publication.objects.filter(superseded_at__isnull=True).count() == 2
    publish(people, tree, "2567-03", reason="นับซ้ำหนึ่งราย")
    assert (
        _json(client, reverse("publications:file", kwargs={**kwargs, "fmt": "json"}))["value"] == 12
    )
    old = _json(
        client, reverse("publications:version_file", kwargs={**kwargs, "version": 1, "fmt": "json"})
    )
    assert old == {"period": "2567-03", "version": 1, "value": 10}
    assert Publication.objects.filter(version=1, superseded_at__isnull=False).count() == 2
    listing = client.get(
        reverse("publications:series", kwargs={k: kwargs[k] for k in ("slug", "year", "series")})
    )
    text = listing.content.decode()
    assert "นับซ้ำหนึ่งราย" in text
    assert (
        reverse("publications:version_file", kwargs={**kwargs, "version": 1, "fmt": "csv"}) in text
    )
    assert AuditEntry.objects.filter(action="publication.publish").count() == 2

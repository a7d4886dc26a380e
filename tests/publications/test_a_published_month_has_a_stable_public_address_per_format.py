"""Publishing a month renders each format in the task worker, keeps the files for good, serves
them to anyone at a stable address with their own type, attaches those addresses once as the
item's evidence, and the public OIT page lists the month with every format."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prongsai.disclosures.models import Evidence
from prongsai.organizations.access import access_for
from prongsai.publications.models import Publication
from prongsai.publications.services import publication_publish

from ..conftest import Personas, Tree
from .helpers import FIGURE, publish, register_test_series


@pytest.fixture(autouse=True)
def _series() -> None:
    register_test_series()


def _url(tree: Tree, fmt: str, period: str = "2566-10") -> str:
    return reverse(
        "publications:file",
        kwargs={
            "slug": tree.unit.slug,
            "year": 2567,
            "series": "test-figures",
            "period": period,
            "fmt": fmt,
        },
    )


def test_each_format_is_served_to_anyone_with_its_type(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    FIGURE["value"] = 41
    rows = publish(people, tree)
    assert {row.fmt for row in rows} == {"csv", "json"}
    assert all(row.document.frozen_at is not None for row in Publication.objects.all())
    as_json = client.get(_url(tree, "json"))
    assert as_json.status_code == 200
    assert as_json["Content-Type"] == "application/json"
    assert json.loads(b"".join(as_json.streaming_content)) == {
        "period": "2566-10",
        "version": 1,
        "value": 41,
    }
    as_csv = client.get(_url(tree, "csv"))
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "attachment" in as_csv["Content-Disposition"]
    assert as_csv["ETag"] == f'"{Publication.objects.get(fmt="csv").document.sha256}"'
    again = client.get(_url(tree, "csv"), HTTP_IF_NONE_MATCH=as_csv["ETag"])
    assert again.status_code == 304


def test_the_addresses_become_the_items_evidence_once_and_the_page_lists_the_month(
    tree: Tree, people: Personas, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    publish(people, tree)
    publish(people, tree, reason="แก้ตัวเลขเดือนตุลาคม")
    publish(people, tree, period="2566-11")
    links = Evidence.objects.filter(work__assessment=assessment, work__item__code="O10")
    assert sorted(e.url for e in links) == sorted(
        "https://ita.example.go.th" + _url(tree, fmt, period)
        for fmt in ("csv", "json")
        for period in ("2566-10", "2566-11")
    )
    assert all(e.is_published for e in links)
    page = client.get(
        reverse("portal:oit_item", kwargs={"slug": tree.unit.slug, "year": 2567, "code": "O10"})
    ).content.decode()
    assert "ตุลาคม 2566" in page and "พฤศจิกายน 2566" in page
    assert page.count(_url(tree, "json")) == 1  # in the table, not again in the evidence list


def test_only_those_who_may_edit_publish_and_a_bad_period_changes_nothing(
    tree: Tree, people: Personas, assessment: Any
) -> None:
    with pytest.raises(PermissionDenied):
        publication_publish(
            actor=people.viewer,
            access=access_for(people.viewer, tree.unit),
            series="tests.figures",
            year=2567,
            period="2566-10",
        )
    for period in ("2567-10", "2566-13", "q1", "year", "2566-1"):
        with pytest.raises(ValidationError):
            publish(people, tree, period=period)
    assert not Publication.objects.exists()


def test_an_unknown_unit_series_or_period_is_404(tree: Tree, client: Any) -> None:
    assert client.get(_url(tree, "csv")).status_code == 404  # nothing published yet
    unknown = reverse(
        "publications:file",
        kwargs={
            "slug": "no-such-unit",
            "year": 2567,
            "series": "test-figures",
            "period": "2566-10",
            "fmt": "csv",
        },
    )
    assert client.get(unknown).status_code == 404
    assert (
        client.get(f"/p/{tree.unit.slug}/2567/data/no-such-series/2566-10.csv").status_code == 404
    )

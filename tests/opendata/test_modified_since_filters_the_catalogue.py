from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from .helpers import generated_catalogue


def _datasets(client: Client, query: str) -> int:
    response = client.get(reverse("opendata:catalog", kwargs={"rdf_format": "ttl"}) + query)
    assert response.status_code == 200, response.content
    return len(
        set(Graph().parse(data=response.content, format="turtle").subjects(RDF.type, DCAT.Dataset))
    )


@pytest.mark.django_db
def test_modified_since_filters_the_catalogue() -> None:
    old = timezone.make_aware(dt.datetime(2024, 1, 10, 9, 0))
    new = timezone.make_aware(dt.datetime(2024, 4, 10, 9, 0))
    generated_catalogue(3, ["procurement.summary"], day=old)
    from prongsai.organizations.models import Unit
    from prongsai.publications.models import Publication

    Publication.objects.filter(unit__in=Unit.objects.filter(slug="gen-unit-0002")).update(
        published_at=new
    )
    client = Client()
    assert _datasets(client, "") == 3
    assert _datasets(client, "?modified_since=2024-03-01") == 1
    assert _datasets(client, "?modified_since=2024-04-10T10:00:00%2B07:00") == 0
    assert _datasets(client, "?modified_since=2023-12-31") == 3
    bad = client.get(
        reverse("opendata:catalog", kwargs={"rdf_format": "ttl"}) + "?modified_since=yesterday"
    )
    assert bad.status_code == 400


def test_the_catalogue_page_lists_datasets_and_links_its_rdf(db: Any) -> None:
    generated_catalogue(2, ["procurement.summary", "procurement.police"])
    page = Client().get(reverse("opendata:catalog_page"))
    body = page.content.decode()
    assert page.status_code == 200
    assert '<link rel="alternate" type="text/turtle" href="/catalog.ttl">' in body
    assert '<link rel="alternate" type="application/ld+json" href="/catalog.jsonld">' in body
    assert body.count("หน่วยทดสอบ") >= 4 and "PDF" in body

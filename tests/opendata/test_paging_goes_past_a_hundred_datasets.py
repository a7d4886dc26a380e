from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF

from prongsai.opendata.catalog import HYDRA

from .helpers import generated_catalogue


def _page(client: Client, query: str) -> Graph:
    response = client.get(reverse("opendata:catalog", kwargs={"rdf_format": "ttl"}) + query)
    assert response.status_code == 200
    return Graph().parse(data=response.content, format="turtle")


@pytest.mark.django_db
def test_paging_goes_past_a_hundred_datasets() -> None:
    generated_catalogue(126, ["procurement.summary", "procurement.plan"])  # 252 datasets
    client = Client()
    seen: set[Any] = set()
    pages = []
    query = "?page=1"
    while query:
        graph = _page(client, query)
        pages.append(graph)
        seen |= set(graph.subjects(RDF.type, DCAT.Dataset))
        paging = next(graph.subjects(RDF.type, HYDRA.PagedCollection))
        assert graph.value(paging, HYDRA.totalItems) == Literal(252)
        following = graph.value(paging, HYDRA.next)
        assert graph.value(paging, HYDRA.nextPage) == following  # the older predicate too
        query = "?" + str(following).split("?", 1)[1] if following else ""
    assert [len(set(g.subjects(RDF.type, DCAT.Dataset))) for g in pages] == [100, 100, 52]
    assert len(seen) == 252
    last = pages[-1]
    paging = next(last.subjects(RDF.type, HYDRA.PagedCollection))
    assert str(paging).endswith("/catalog.ttl?page=3")
    assert str(last.value(paging, HYDRA.previous)).endswith("page=2")
    assert str(last.value(paging, HYDRA.first)).endswith("page=1")
    # Stable URIs: the same dataset has the same URI on every read.
    again = set(_page(client, "?page=1").subjects(RDF.type, DCAT.Dataset))
    assert again == set(pages[0].subjects(RDF.type, DCAT.Dataset))
    assert all(isinstance(d, URIRef) and "/dataset/" in str(d) for d in seen)

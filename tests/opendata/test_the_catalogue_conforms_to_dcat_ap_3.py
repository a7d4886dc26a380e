"""The catalogue validates against the official DCAT-AP 3.0.1 SHACL shapes (``shapes.ttl`` +
``range.ttl``, pyshacl): 0 violations, in Turtle and in JSON-LD; the right content types."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

from tests.procurement.helpers import publish_period, record

from .helpers import shacl_violations


def test_the_catalogue_conforms_to_dcat_ap_3(client: Any, people: Any, tree: Any) -> None:
    record(tree.unit, month=dt.date(2024, 3, 1))
    client.force_login(people.editor)
    publish_period(client, tree.unit, "2567-03")
    publish_period(client, tree.unit, "2567-02")
    publish_period(client, tree.unit, "q2")
    anonymous = Client()
    ttl = anonymous.get(reverse("opendata:catalog", kwargs={"rdf_format": "ttl"}))
    assert ttl.status_code == 200 and ttl["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=ttl.content, format="turtle")
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 4  # สขร.1, 16 fields, OCDS, plan
    assert (
        len(set(graph.subjects(RDF.type, DCAT.Distribution))) == 2 * 4 + 2 * 4 + 1 + 4
    )  # two months, OCDS for March, Q2
    violations, report = shacl_violations(ttl.content)
    assert violations == 0, report

    jsonld = anonymous.get(reverse("opendata:catalog", kwargs={"rdf_format": "jsonld"}))
    assert jsonld["Content-Type"] == "application/ld+json"
    same = Graph().parse(data=jsonld.content, format="json-ld")
    assert len(same) == len(graph)
    violations, report = shacl_violations(jsonld.content, "json-ld")
    assert violations == 0, report

    one = next(iter(datasets))
    dataset_id = str(one).rstrip("/").rsplit("/", 1)[1]
    single = anonymous.get(
        reverse("opendata:dataset_rdf", kwargs={"dataset_id": dataset_id, "rdf_format": "ttl"})
    )
    assert single.status_code == 200
    assert (one, RDF.type, DCAT.Dataset) in Graph().parse(data=single.content, format="turtle")
    assert shacl_violations(single.content)[0] == 0

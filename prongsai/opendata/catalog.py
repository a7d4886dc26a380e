"""The catalogue in DCAT-AP 3 (rdflib), with ckanext-dcat's scheme: a ``dcat:Catalog`` whose
datasets are the page's, Hydra paging (``hydra:PagedCollection`` with the current and the older
predicates, as ckanext-dcat writes them), one ``dcat:Distribution`` per published file.

URIs are stable: ``<site>/dataset/<id>`` for a dataset (the id is derived from unit and series),
``<site>/dataset/<id>/resource/<year>-<period>-<fmt>`` for a distribution (the same across
versions; its download URL is the version's own address). The data.go.th CKAN fields that DCAT
has no term for are kept under this site's ``/catalog/terms#`` namespace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlencode

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from prongsai.core.site import absolute_url

from .metadata import FREQUENCY_EU, LICENCE_URI, tags_of
from .selectors import CatalogPage, Dataset

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
THAI = URIRef("http://publications.europa.eu/resource/authority/language/THA")
THEME_GOVE = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
THEMES = URIRef("http://publications.europa.eu/resource/authority/data-theme")
FILE_TYPES = {
    "pdf": "PDF",
    "docx": "DOCX",
    "xlsx": "XLSX",
    "csv": "CSV",
    "json": "JSON",
    "png": "PNG",
}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
TH = "th"
CONTENT_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}
RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}


def terms() -> Namespace:
    return Namespace(absolute_url("/catalog/terms#"))


def dataset_uri(dataset_id: str) -> URIRef:
    return URIRef(absolute_url(f"/dataset/{dataset_id}"))


def _when(moment: dt.datetime) -> Literal:
    return Literal(moment.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def _agent(graph: Graph, name: str) -> BNode:
    node = BNode()
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, Literal(name, lang=TH)))
    return node


def _bind(graph: Graph) -> None:
    for prefix, ns in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("hydra", HYDRA),
        ("vcard", VCARD),
        ("spdx", SPDX),
        ("skos", SKOS),
        ("adms", ADMS),
        ("prongsai", terms()),
    ):
        graph.bind(prefix, ns)


def add_dataset(graph: Graph, dataset: Dataset) -> URIRef:
    ref = dataset_uri(dataset.id)
    v = dataset.values
    T = terms()
    graph.add((ref, RDF.type, DCAT.Dataset))
    graph.add((ref, DCTERMS.identifier, Literal(dataset.id)))
    graph.add((ref, DCTERMS.title, Literal(v["title"], lang=TH)))
    graph.add((ref, DCTERMS.description, Literal(v["notes"] or v["title"], lang=TH)))
    graph.add((ref, DCTERMS.issued, _when(dataset.issued)))
    graph.add((ref, DCTERMS.modified, _when(dataset.modified)))
    graph.add((THAI, RDF.type, DCTERMS.LinguisticSystem))
    graph.add((ref, DCTERMS.language, THAI))
    graph.add((ref, DCTERMS.publisher, _agent(graph, v["owner_org"] or dataset.unit.name_th)))
    graph.add((ref, DCAT.landingPage, _landing(graph, dataset)))
    for tag in tags_of(v):
        graph.add((ref, DCAT.keyword, Literal(tag, lang=TH)))
    theme = THEME_GOVE
    graph.add((theme, RDF.type, SKOS.Concept))
    graph.add((theme, SKOS.prefLabel, Literal("Government and public sector", lang="en")))
    graph.add((theme, SKOS.inScheme, THEMES))
    graph.add((THEMES, RDF.type, SKOS.ConceptScheme))
    graph.add((THEMES, DCTERMS.title, Literal("Data theme", lang="en")))
    graph.add((ref, DCAT.theme, theme))
    frequency = FREQUENCY_EU.get(dataset.series.cadence)
    if frequency:
        node = URIRef(frequency)
        graph.add((node, RDF.type, DCTERMS.Frequency))
        graph.add((ref, DCTERMS.accrualPeriodicity, node))
    if v.get("geo_coverage"):
        place = BNode()
        graph.add((place, RDF.type, DCTERMS.Location))
        graph.add((place, SKOS.prefLabel, Literal(v["geo_coverage"], lang=TH)))
        graph.add((ref, DCTERMS.spatial, place))
    contact = BNode()
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(v["maintainer"] or dataset.unit.name_th, lang=TH)))
    if v.get("maintainer_email"):
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{v['maintainer_email']}")))
    graph.add((ref, DCAT.contactPoint, contact))
    if v.get("data_source"):
        source = BNode()
        graph.add((source, RDF.type, DCTERMS.ProvenanceStatement))
        graph.add((source, RDFS.label, Literal(v["data_source"], lang=TH)))
        graph.add((ref, DCTERMS.provenance, source))
    for key in (
        "data_type",
        "objective",
        "update_frequency",
        "data_format",
        "data_category",
        "license_id",
    ):
        if v.get(key):
            graph.add((ref, T[key], Literal(v[key], lang=TH)))
    if dataset.series.item_code:
        graph.add((ref, T.itaItem, Literal(dataset.series.item_code)))
    for dist in dataset.distributions:
        node = URIRef(f"{ref}/resource/{dist.key}")
        graph.add((ref, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.title, Literal(dist.title, lang=TH)))
        graph.add((node, DCAT.accessURL, URIRef(absolute_url(dist.access_url))))
        graph.add((node, DCAT.downloadURL, URIRef(absolute_url(dist.download_url))))
        media = URIRef(f"http://www.iana.org/assignments/media-types/{dist.media_type}")
        graph.add((media, RDF.type, DCTERMS.MediaType))
        graph.add((node, DCAT.mediaType, media))
        file_type = URIRef(FILE_TYPE + FILE_TYPES[dist.fmt])
        graph.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.add((node, DCTERMS["format"], file_type))
        graph.add((node, DCTERMS.issued, _when(dist.issued)))
        graph.add((node, DCTERMS.modified, _when(dist.issued)))
        licence = URIRef(LICENCE_URI)
        graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
        graph.add((node, DCTERMS.license, licence))
        if dist.size:
            graph.add((node, DCAT.byteSize, Literal(dist.size, datatype=XSD.nonNegativeInteger)))
        if dist.sha256:
            checksum = BNode()
            graph.add((checksum, RDF.type, SPDX.Checksum))
            graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            graph.add((checksum, SPDX.checksumValue, Literal(dist.sha256, datatype=XSD.hexBinary)))
            graph.add((node, SPDX.checksum, checksum))
    return ref


def _landing(graph: Graph, dataset: Dataset) -> URIRef:
    page = URIRef(absolute_url(f"/dataset/{dataset.id}/"))
    graph.add((page, RDF.type, FOAF.Document))
    return page


def catalog_graph(
    page: CatalogPage,
    *,
    fmt: str,
    publisher: str,
    title: str,
    description: str,
    query: dict[str, str] | None = None,
) -> Graph:
    graph = Graph()
    _bind(graph)
    catalog = URIRef(absolute_url("/catalog"))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(title, lang=TH)))
    graph.add((catalog, DCTERMS.description, Literal(description, lang=TH)))
    graph.add((catalog, DCTERMS.publisher, _agent(graph, publisher)))
    graph.add((catalog, FOAF.homepage, _homepage(graph)))
    graph.add((THAI, RDF.type, DCTERMS.LinguisticSystem))
    graph.add((catalog, DCTERMS.language, THAI))
    if page.modified:
        graph.add((catalog, DCTERMS.modified, _when(page.modified)))
    for dataset in page.datasets:
        graph.add((catalog, DCAT.dataset, add_dataset(graph, dataset)))
    _paging(graph, page, fmt=fmt, query=query or {})
    return graph


def _homepage(graph: Graph) -> URIRef:
    home = URIRef(absolute_url("/catalog/"))
    graph.add((home, RDF.type, FOAF.Document))
    return home


def page_url(fmt: str, page: int, query: dict[str, str]) -> str:
    params = {**{k: v for k, v in query.items() if k != "page" and v}, "page": str(page)}
    return absolute_url(f"/catalog.{fmt}?{urlencode(params)}")


def _paging(graph: Graph, page: CatalogPage, *, fmt: str, query: dict[str, str]) -> None:
    """ckanext-dcat's paging triples (``_add_pagination_triples``): literals, with both the
    current Hydra predicates and the deprecated ones harvesters still read."""
    ref = URIRef(page_url(fmt, page.page, query))
    graph.add((ref, RDF.type, HYDRA.PagedCollection))
    items: list[tuple[Iterable[URIRef], object]] = [
        ((HYDRA.first, HYDRA.firstPage), page_url(fmt, 1, query)),
        ((HYDRA.last, HYDRA.lastPage), page_url(fmt, page.pages, query)),
        ((HYDRA.totalItems,), page.total),
        ((HYDRA.itemsPerPage,), page.page_size),
    ]
    if page.page < page.pages:
        items.append(((HYDRA.next, HYDRA.nextPage), page_url(fmt, page.page + 1, query)))
    if page.page > 1:
        items.append(((HYDRA.previous, HYDRA.previousPage), page_url(fmt, page.page - 1, query)))
    for predicates, value in items:
        if value is None:
            continue
        for predicate in predicates:
            graph.add((ref, predicate, Literal(value)))


def dataset_graph(dataset: Dataset) -> Graph:
    graph = Graph()
    _bind(graph)
    add_dataset(graph, dataset)
    return graph


PRETTY_TURTLE_LIMIT = 3000  # triples; rdflib's pretty Turtle costs ~10x its N-Triples beyond


def serialize(graph: Graph, fmt: str) -> bytes:
    """JSON-LD compacted with the bound prefixes; Turtle pretty-printed for a dataset, and for a
    catalogue page as prefixes + one triple a line (N-Triples lines are Turtle: any Turtle
    parser reads them; rdflib's pretty printer takes seconds per page of 100 datasets)."""
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
    if len(graph) <= PRETTY_TURTLE_LIMIT:
        return graph.serialize(format="turtle").encode("utf-8")
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in graph.namespaces() if p)
    return (prefixes + "\n" + graph.serialize(format="nt")).encode("utf-8")

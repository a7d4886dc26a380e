"""Catalogues for the tests: published series made the publications way (a real publication
of the procurement series), or many at once (units × series written directly, for paging)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.utils import timezone

SHAPES = Path(__file__).parent / "dcat-ap-3.0.1"


def generated_catalogue(
    units: int, series: list[str], *, day: dt.datetime | None = None
) -> list[Any]:
    """``units`` new units, each with one published month (JSON) of every series in ``series``:
    rows written directly (the fixture of a large catalogue, not a publication story)."""
    from prongsai.documents.models import DocumentStatus, GeneratedDocument
    from prongsai.organizations.models import Unit
    from prongsai.publications.models import Publication
    from prongsai.publications.registry import series_for

    moment = day or timezone.now()
    made = [
        Unit(slug=f"gen-unit-{n:04d}", path=f"/gen-unit-{n:04d}/", name_th=f"หน่วยทดสอบ {n}")
        for n in range(units)
    ]
    Unit.objects.bulk_create(made)
    documents, publications = [], []
    for unit in made:
        for name in series:
            spec = series_for(name)
            fmt = next(iter(spec.formats))
            document = GeneratedDocument(
                kind=spec.formats[fmt],
                params={"year": 2567, "period": "2566-10"},
                request_key=f"gen-{unit.slug}-{name}",
                unit=unit,
                title=str(spec.title),
                status=DocumentStatus.READY,
                file_name=f"x.{fmt}",
                size=10,
                sha256="0" * 64,
                frozen_at=moment,
            )
            documents.append(document)
            period = "2566-10" if spec.cadence == "month" else "q1"
            publications.append(
                Publication(
                    unit=unit,
                    year=2567,
                    series=name,
                    period=period,
                    fmt=fmt,
                    version=1,
                    document=document,
                    item_code=spec.item_code,
                    published_at=moment,
                )
            )
    GeneratedDocument.objects.bulk_create(documents)
    Publication.objects.bulk_create(publications)
    return made


def shacl_violations(data: bytes, fmt: str = "turtle") -> tuple[int, str]:
    import pyshacl
    from rdflib import Graph

    graph = Graph().parse(data=data, format=fmt)
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    _conforms, report, text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="rdfs", abort_on_first=False, allow_warnings=True
    )
    from rdflib.namespace import SH

    violations = len(set(report.subjects(SH.resultSeverity, SH.Violation)))
    return violations, str(text)

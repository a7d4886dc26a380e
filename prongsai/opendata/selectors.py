"""The catalogue's datasets: every (unit, publication series) with a published file, newest
first by nothing but a stable order (unit path, series), with its distributions (the current
version of each period and format) — a page at a time, in a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Min
from django.urls import reverse

from prongsai.organizations.models import Unit
from prongsai.publications.models import Publication
from prongsai.publications.periods import period_label
from prongsai.publications.registry import FORMATS, Series, registered_series

from .metadata import dataset_id, merged
from .models import DatasetMetadata

PAGE_SIZE = 100  # ckanext-dcat's default datasets per page


@dataclass
class Distribution:
    key: str  # "2567-03-pdf" (a month), "2567-q1-pdf": stable across versions
    title: str
    fmt: str
    media_type: str
    access_url: str  # the current version's public address
    download_url: str  # this version's own address (never changes)
    issued: dt.datetime
    version: int
    size: int
    sha256: str


@dataclass
class Dataset:
    id: str
    unit: Unit
    series: Series
    issued: dt.datetime
    modified: dt.datetime
    values: dict[str, str]
    distributions: list[Distribution] = field(default_factory=list)

    @property
    def formats(self) -> list[str]:
        return sorted({d.fmt for d in self.distributions}, key=list(FORMATS).index)


@dataclass
class CatalogPage:
    datasets: list[Dataset]
    total: int
    page: int
    pages: int
    modified: dt.datetime | None
    page_size: int = PAGE_SIZE


@dataclass(frozen=True)
class _Head:
    unit_id: Any
    series: str
    issued: dt.datetime
    modified: dt.datetime
    path: str


def _heads(modified_since: dt.datetime | None, unit: Unit | None) -> list[_Head]:
    known = {s.name for s in registered_series()}
    rows = Publication.objects.filter(series__in=known, unit__is_active=True)
    if unit is not None:
        rows = rows.filter(unit=unit)
    grouped = rows.values("unit_id", "series", "unit__path").annotate(
        first=Min("published_at"), last=Max("published_at")
    )
    edited = {
        (m["unit_id"], m["series"]): m["updated_at"]
        for m in DatasetMetadata.objects.values("unit_id", "series", "updated_at")
    }
    heads = []
    for row in grouped:
        modified = max(row["last"], edited.get((row["unit_id"], row["series"]), row["last"]))
        if modified_since is not None and modified < modified_since:
            continue
        heads.append(
            _Head(row["unit_id"], row["series"], row["first"], modified, row["unit__path"])
        )
    heads.sort(key=lambda h: (h.path, h.series))
    return heads


def catalog_page(
    *,
    page: int = 1,
    modified_since: dt.datetime | None = None,
    unit: Unit | None = None,
    page_size: int = PAGE_SIZE,
) -> CatalogPage:
    heads = _heads(modified_since, unit)
    total = len(heads)
    pages = max(1, -(-total // page_size))
    chosen = heads[(page - 1) * page_size : page * page_size]
    latest = max((h.modified for h in heads), default=None)
    return CatalogPage(
        datasets=datasets_for(chosen),
        total=total,
        page=page,
        pages=pages,
        modified=latest,
        page_size=page_size,
    )


def datasets_for(heads: list[_Head]) -> list[Dataset]:
    if not heads:
        return []
    unit_ids = {h.unit_id for h in heads}
    names = {h.series for h in heads}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}
    own = {
        (m.unit_id, m.series): m.values
        for m in DatasetMetadata.objects.filter(unit_id__in=unit_ids, series__in=names)
    }
    specs = {s.name: s for s in registered_series()}
    wanted = {(h.unit_id, h.series) for h in heads}
    files: dict[tuple[Any, str], list[Distribution]] = {}
    current = (
        Publication.objects.filter(
            unit_id__in=unit_ids, series__in=names, superseded_at__isnull=True
        )
        .select_related("document")
        .order_by("year", "period", "fmt")
    )
    for row in current:
        pair = (row.unit_id, row.series)
        if pair not in wanted:
            continue
        files.setdefault(pair, []).append(_distribution(units[row.unit_id], specs[row.series], row))
    out = []
    for h in heads:
        spec, unit = specs[h.series], units[h.unit_id]
        out.append(
            Dataset(
                id=dataset_id(h.unit_id, h.series),
                unit=unit,
                series=spec,
                issued=h.issued,
                modified=h.modified,
                values=merged(unit, spec, own.get((h.unit_id, h.series))),
                distributions=files.get((h.unit_id, h.series), []),
            )
        )
    return out


def _distribution(unit: Unit, spec: Series, row: Publication) -> Distribution:
    kwargs = {"slug": unit.slug, "year": row.year, "series": spec.slug, "period": row.period}
    document = row.document
    return Distribution(
        key=f"{row.period}-{row.fmt}"
        if "-" in row.period
        else f"{row.year}-{row.period}-{row.fmt}",
        title=f"{spec.title} {period_label(row.year, row.period)} ({FORMATS[row.fmt][1]})",
        fmt=row.fmt,
        media_type=FORMATS[row.fmt][0].split(";")[0],
        access_url=reverse("publications:file", kwargs={**kwargs, "fmt": row.fmt}),
        download_url=reverse(
            "publications:version_file", kwargs={**kwargs, "version": row.version, "fmt": row.fmt}
        ),
        issued=row.published_at,
        version=row.version,
        size=document.size,
        sha256=document.sha256,
    )


def dataset_by_id(dataset: str) -> Dataset | None:
    """The dataset of a stable id (ids are derived from unit and series: one pass over the
    distinct pairs, a few thousand hashes)."""
    known = {s.name for s in registered_series()}
    pairs = (
        Publication.objects.filter(series__in=known, unit__is_active=True)
        .values_list("unit_id", "series")
        .distinct()
    )
    for unit_id, series in pairs:
        if dataset_id(unit_id, series) == dataset:
            unit = Unit.objects.get(pk=unit_id)
            heads = [h for h in _heads(None, unit) if h.series == series]
            found = datasets_for(heads)
            return found[0] if found else None
    return None


def unit_datasets(unit: Unit) -> list[Dataset]:
    """Every dataset of the unit (a series it published), for its metadata page."""
    return datasets_for(_heads(None, unit))


def unit_series_values(unit: Unit, series: Series) -> dict[str, str]:
    own = DatasetMetadata.objects.filter(unit=unit, series=series.name).first()
    return merged(unit, series, own.values if own else None)

"""The unit's open datasets (``prongsai.opendata``: each publication series it publishes) on its
website: listed on the home and in the Thai search index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse

from prongsai.opendata.selectors import unit_datasets
from prongsai.organizations.models import Unit

from .models import SearchDocument
from .search import index_document, remove_document


@dataclass(frozen=True)
class PublicDataset:
    title: str
    description: str
    url: str  # the dataset's public page (its metadata and every file)
    formats: list[str]


def public_datasets(unit: Unit) -> list[PublicDataset]:
    return [
        PublicDataset(
            title=d.values.get("title") or str(d.series.name),
            description=d.values.get("notes", ""),
            url=reverse("opendata:dataset", kwargs={"dataset_id": d.id}),
            formats=d.formats,
        )
        for d in unit_datasets(unit)
    ]


def index_datasets(unit: Unit) -> int:
    """Put every dataset of the unit in its search index (and take out those it no longer has)."""
    datasets = {f"dataset:{d.url}"[:120]: d for d in public_datasets(unit)}
    indexed = {
        key: (url, title, body)
        for key, url, title, body in SearchDocument.objects.filter(
            unit=unit, key__startswith="dataset:"
        ).values_list("key", "url", "title", "body")
    }
    for key in indexed:
        if key not in datasets:
            remove_document(unit=unit, key=key)
    for key, dataset in datasets.items():
        if indexed.get(key) == (dataset.url, dataset.title[:300], dataset.description):
            continue  # indexed as it is (every publication asks again: most find nothing new)
        index_document(
            unit=unit,
            key=key,
            url=dataset.url,
            title=dataset.title,
            body=dataset.description,
            published_on=None,
        )
    return len(datasets)


def reindex_on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A publication or a dataset's metadata changed: index the unit's datasets once the
    change is committed."""
    if kwargs.get("raw"):
        return
    unit_id = instance.unit_id

    def run() -> None:
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is not None:
            with transaction.atomic():
                index_datasets(unit)

    transaction.on_commit(run)

"""Index every published page and post of a unit again (after an upgrade, or
``manage.py website_reindex``)."""

from __future__ import annotations

from prongsai.organizations.models import Unit

from . import evidence as paths
from .content import content_text
from .datasets import index_datasets
from .models import NewsPost, SearchDocument, Section
from .search import index_document, remove_document
from .selectors import latest_versions


def index_everything(unit: Unit) -> int:
    for key in SearchDocument.objects.filter(unit=unit).values_list("key", flat=True):
        remove_document(unit=unit, key=key)
    count = 0
    for section, version in latest_versions(unit).items():
        index_document(
            unit=unit,
            key=f"profile:{section}",
            url=paths.section_path(unit.slug, section),
            title=str(Section(section).label),
            body=content_text(section, version.content),
            published_on=version.published_at.date(),
        )
        count += 1
    for post in NewsPost.objects.filter(unit=unit, is_published=True):
        index_document(
            unit=unit,
            key=f"news:{post.pk}",
            url=paths.news_path(unit.slug, post.pk),
            title=post.title,
            body="\n".join(p for p in (post.summary, post.body) if p),
            published_on=post.published_on,
        )
        count += 1
    return count + index_datasets(unit)

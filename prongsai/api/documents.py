"""Published documents and datasets per OIT item: the shared publication mechanism's current
versions (``prongsai.publications``), each format with its public URL and SHA-256."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.core.site import absolute_url
from prongsai.publications.selectors import published_series


def published_list(assessment: Assessment) -> list[dict[str, Any]]:
    """Every current file the unit published for the year, in series and fiscal order."""
    out = []
    for block in published_series(assessment.unit, assessment.year):
        for period in block.periods:
            for link in period.current.files:
                if not link.ready:
                    continue
                out.append(
                    {
                        "series": block.series.slug,
                        "title": str(block.series.title),
                        "item_code": block.series.item_code or None,
                        "period": period.period,
                        "period_label": str(period.label),
                        "period_start": period.start,
                        "period_end": period.end,
                        "format": link.fmt,
                        "url": absolute_url(link.url),
                        "version": period.current.version,
                        "content_type": link.content_type,
                        "sha256": link.sha256 or None,
                        "published_at": period.current.published_at,
                    }
                )
    return out


def published_documents(assessment: Assessment) -> dict[str, list[dict[str, Any]]]:
    """{item code: [document, …]} for the manifest."""
    by_item: dict[str, list[dict[str, Any]]] = {}
    for doc in published_list(assessment):
        if doc["item_code"]:
            by_item.setdefault(doc["item_code"], []).append(
                {
                    k: doc[k]
                    for k in (
                        "series",
                        "title",
                        "period",
                        "format",
                        "url",
                        "version",
                        "content_type",
                        "sha256",
                        "published_at",
                    )
                }
            )
    return by_item

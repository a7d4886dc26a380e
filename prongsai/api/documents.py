"""Published documents and datasets per OIT item (the shared publication mechanism, when a unit
has published any)."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.models import Assessment


def published_documents(assessment: Assessment) -> dict[str, list[dict[str, Any]]]:
    """{item code: [document, …]}: every current published version, each format."""
    return {}

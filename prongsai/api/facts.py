"""What the API and the manifest say about one piece of evidence: where the public finds it,
its content type and SHA-256 (of the stored file, or of the pre-checker's last fetch of a link
or page), and when it last changed."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from prongsai.disclosures.models import Evidence
from prongsai.disclosures.selectors import evidence_public_url
from prongsai.prechecks.models import EvidenceCheck


@dataclass(frozen=True)
class EvidenceFacts:
    id: str
    kind: str
    title: str
    url: str
    period_start: dt.date | None
    period_end: dt.date | None
    content_type: str | None
    sha256: str | None
    last_updated: dt.datetime
    published: bool
    published_at: dt.datetime | None
    precheck: str | None  # pass / warn / fail of the link's own checks, when checked

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def checks_by_evidence(evidence_ids: Iterable[Any]) -> dict[Any, EvidenceCheck]:
    return {
        c.evidence_id: c
        for c in EvidenceCheck.objects.filter(evidence_id__in=list(evidence_ids)).select_related(
            "snapshot"
        )
    }


def evidence_facts(
    evidence: Evidence,
    *,
    unit_slug: str,
    year: int,
    code: str,
    check: EvidenceCheck | None,
) -> EvidenceFacts:
    snapshot = check.snapshot if check is not None else None
    content_type: str | None = None
    sha256: str | None = None
    if evidence.kind == Evidence.Kind.FILE and evidence.file is not None:
        content_type, sha256 = evidence.file.content_type, evidence.file.sha256 or None
    elif snapshot is not None and snapshot.sha256:
        content_type, sha256 = (snapshot.content_type or None), snapshot.sha256
    elif evidence.kind == Evidence.Kind.PAGE:
        content_type = "text/html"
        sha256 = hashlib.sha256(evidence.body_html.encode()).hexdigest()
    return EvidenceFacts(
        id=str(evidence.pk),
        kind=evidence.kind,
        title=evidence.title,
        url=evidence_public_url(evidence, unit_slug, year, code),
        period_start=evidence.period_start,
        period_end=evidence.period_end,
        content_type=content_type,
        sha256=sha256,
        last_updated=evidence.updated_at,
        published=evidence.is_published,
        published_at=evidence.published_at,
        precheck=check.status if check is not None else None,
    )

"""The disclosure manifest, built once per version of what it shows and kept in the database
(``ManifestCache``), so that every app server answers from the same stored body.

The version is a digest of a few small aggregate queries over what the manifest is built from:
the assessment, unit and framework rows, the items' work, the evidence (published or not: a
removal changes the count), the pre-checker's link checks and verdicts, and the publications with
their documents' state (documents change state through ``QuerySet.update``, which leaves
``updated_at`` alone, so their status and SHA-256 are part of the digest), plus the site's base
address and the language (document titles are translated).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils.translation import get_language

from prongsai.assessments.models import Assessment
from prongsai.core.site import site_base
from prongsai.disclosures.models import Evidence, ItemWork
from prongsai.frameworks.models import Item
from prongsai.prechecks.models import EvidenceCheck, ItemVerdict
from prongsai.publications.models import Publication

from .manifest import manifest_bytes
from .models import ManifestCache


def _stamp(queryset: Any) -> tuple[Any, Any]:
    found = queryset.order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    return found["n"], found["last"]


def manifest_version(assessment: Assessment) -> str:
    parts: list[Any] = [
        site_base(),
        get_language() or "th",
        assessment.updated_at,
        assessment.unit.updated_at,
        assessment.framework.updated_at,
        _stamp(Item.objects.filter(framework_id=assessment.framework_id)),
        _stamp(ItemWork.objects.filter(assessment=assessment)),
        _stamp(Evidence.objects.filter(work__assessment=assessment)),
        _stamp(EvidenceCheck.objects.filter(work__assessment=assessment)),
        _stamp(ItemVerdict.objects.filter(work__assessment=assessment)),
        list(
            Publication.objects.filter(unit_id=assessment.unit_id, year=assessment.year)
            .order_by("pk")
            .values_list(
                "pk",
                "updated_at",
                "superseded_at",
                "document__status",
                "document__sha256",
                "document__updated_at",
            )
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def manifest_cached(assessment: Assessment) -> bytes:
    """The manifest's bytes: the stored body when its version is current, else built now and
    stored (two servers building the same version at once: one row wins, both answer it)."""
    language = (get_language() or "th")[:10]
    version = manifest_version(assessment)
    stored = (
        ManifestCache.objects.filter(assessment=assessment, language=language, version=version)
        .values_list("body", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored)
    body = manifest_bytes(assessment)
    try:
        with transaction.atomic():
            ManifestCache.objects.update_or_create(
                assessment=assessment,
                language=language,
                defaults={"version": version, "body": body},
            )
    except IntegrityError:  # another server stored it first
        pass
    return body

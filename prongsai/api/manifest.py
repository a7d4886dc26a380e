"""The disclosure manifest of a unit's year (``/p/<unit>/<year>/manifest.json``, public): per OIT
item its title, state, public page, the published evidence behind it (URL, period, content type,
SHA-256, last change), the published documents and datasets, and the pre-check verdict.

The pydantic models below are the manifest's definition: the JSON Schema shipped in
``schemas/manifest.schema.json`` is generated from them (``manage.py api_manifest_schema``; a
test keeps the two equal) and the API documents the same shape.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db.models import Prefetch
from ninja import Schema
from pydantic import Field

from prongsai.assessments.models import Assessment
from prongsai.disclosures.models import Evidence, ItemWork, WorkState
from prongsai.disclosures.selectors import public_index_url, public_item_url
from prongsai.frameworks.models import Item
from prongsai.prechecks.models import ItemVerdict

from .documents import published_documents
from .facts import checks_by_evidence, evidence_facts
from .rendering import json_bytes

SCHEMA_PATH = Path(__file__).parent / "schemas" / "manifest.schema.json"
SCHEMA_ID = "https://prongsai.example/schemas/manifest.schema.json"
MANIFEST_VERSION = "1"


class ManifestUnit(Schema):
    slug: str
    name_th: str
    name_en: str
    website: str


class ManifestFramework(Schema):
    id: str = Field(description="The framework's stable id, e.g. ita-2567-police")
    version: int
    title_th: str
    title_en: str
    status: str


class ManifestEvidence(Schema):
    kind: str = Field(description="link, file, page or statement")
    title: str
    url: str
    period_start: dt.date | None
    period_end: dt.date | None
    content_type: str | None
    sha256: str | None = Field(pattern="^[0-9a-f]{64}$")
    last_updated: dt.datetime


class ManifestDocument(Schema):
    series: str
    title: str
    period: str
    format: str
    url: str
    version: int
    content_type: str | None
    sha256: str | None
    published_at: dt.datetime | None


class ManifestPrecheck(Schema):
    status: str = Field(description="pass, warn or fail: the worst of the item's checks")
    checked_at: dt.datetime


class ManifestItem(Schema):
    code: str
    stable_id: str
    title_th: str
    title_en: str
    state: str
    result: str | None = Field(description="The evaluator's released result, else null")
    public_url: str
    last_updated: dt.datetime | None
    evidence: list[ManifestEvidence]
    documents: list[ManifestDocument]
    precheck: ManifestPrecheck | None


class Manifest(Schema):
    manifest_version: str
    unit: ManifestUnit
    year: int
    framework: ManifestFramework
    public_index_url: str
    last_updated: dt.datetime | None
    items: list[ManifestItem]


def manifest_of(assessment: Assessment) -> dict[str, Any]:
    unit, year, framework = assessment.unit, assessment.year, assessment.framework
    items = list(Item.objects.filter(framework_id=assessment.framework_id).order_by("position"))
    works = {
        w.item_id: w
        for w in ItemWork.objects.filter(assessment=assessment).prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(is_published=True)
                .select_related("file")
                .order_by("position", "created_at"),
            )
        )
    }
    evidence_ids = [e.pk for w in works.values() for e in w.evidence.all()]
    checks = checks_by_evidence(evidence_ids)
    verdicts = {
        v.work_id: v
        for v in ItemVerdict.objects.filter(work__assessment=assessment).only(
            "work_id", "status", "checked_at"
        )
    }
    documents = published_documents(assessment)
    out_items = []
    newest: dt.datetime | None = None
    for item in items:
        work = works.get(item.pk)
        evidence = []
        stamps = []
        for e in work.evidence.all() if work else []:
            facts = evidence_facts(
                e, unit_slug=unit.slug, year=year, code=item.code, check=checks.get(e.pk)
            )
            stamps.append(facts)
            evidence.append(
                {
                    "kind": facts.kind,
                    "title": facts.title,
                    "url": facts.url,
                    "period_start": facts.period_start,
                    "period_end": facts.period_end,
                    "content_type": facts.content_type,
                    "sha256": facts.sha256,
                    "last_updated": facts.last_updated,
                }
            )
        changes: list[dt.datetime] = [work.updated_at] if work else []
        changes += [facts.last_updated for facts in stamps]
        last = max(changes) if changes else None
        if last and (newest is None or last > newest):
            newest = last
        verdict = verdicts.get(work.pk) if work else None
        out_items.append(
            {
                "code": item.code,
                "stable_id": item.stable_id,
                "title_th": item.title_th,
                "title_en": item.title_en,
                "state": work.state if work else WorkState.DRAFT.value,
                "result": (work.result or None) if work and work.review_released else None,
                "public_url": public_item_url(unit.slug, year, item.code),
                "last_updated": last,
                "evidence": evidence,
                "documents": documents.get(item.code, []),
                "precheck": {"status": verdict.status, "checked_at": verdict.checked_at}
                if verdict
                else None,
            }
        )
    return {
        "manifest_version": MANIFEST_VERSION,
        "unit": {
            "slug": unit.slug,
            "name_th": unit.name_th,
            "name_en": unit.name_en,
            "website": unit.website,
        },
        "year": year,
        "framework": {
            "id": framework.code,
            "version": framework.version,
            "title_th": framework.title_th,
            "title_en": framework.title_en,
            "status": framework.status,
        },
        "public_index_url": public_index_url(unit.slug, year),
        "last_updated": newest,
        "items": out_items,
    }


def manifest_bytes(assessment: Assessment) -> bytes:
    return json_bytes(Manifest.model_validate(manifest_of(assessment)).model_dump(mode="json"))


def manifest_json(assessment: Assessment) -> str:
    """The manifest as ``ita_links --format json`` prints it (indented, the same content)."""
    data = json.loads(manifest_bytes(assessment))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def manifest_schema() -> dict[str, Any]:
    schema = Manifest.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Prongsai disclosure manifest",
        "description": (
            "Per unit and fiscal year: which evidence, documents and datasets back each OIT "
            "item, where the public finds them, and what the pre-checker found."
        ),
        **schema,
    }


def shipped_schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))

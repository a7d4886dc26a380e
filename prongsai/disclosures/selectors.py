"""Reads for OIT disclosures.

Interface used by scoring and reports (keep the signatures stable):

* ``oit_scoring_inputs(assessment)`` → evaluator results per item + items with evidence;
* ``oit_item_summaries(assessment)`` → one summary per framework item, for reports and exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from prongsai.assessments.models import Assessment
from prongsai.frameworks.models import Item


def oit_scoring_inputs(assessment: Assessment) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Evaluator results per item and the items that have evidence.

    Returns ``({item_code: {"criteria": {criterion_code: "pass"|"fail"|"conditional"},
    "decision": None | "pass" | "fail"}}, {item codes with published evidence})``.
    Items without a review are absent from the first mapping.
    """
    return {}, set()


@dataclass(frozen=True)
class OitItemSummary:
    code: str  # "O1"
    stable_id: str  # "ita-2567-police:O1"
    title_th: str
    title_en: str
    indicator: str  # "9"
    sub_indicator: str  # "9.1.1"
    state: str  # workflow state code, e.g. "draft", "submitted", "accepted"
    state_label: str  # the state in the UI language
    result: str | None  # "pass" / "fail" once reviewed, else None
    public_url: str  # absolute URL of the item's public page
    evidence_urls: list[str] = field(default_factory=list)  # links and file URLs, public


def public_item_url(unit_slug: str, year: int, code: str) -> str:
    """Absolute URL of an item's public page (``portal:oit_item``), with ``SITE_URL``."""
    try:
        path = reverse("portal:oit_item", kwargs={"slug": unit_slug, "year": year, "code": code})
    except NoReverseMatch:
        path = f"/p/{unit_slug}/{year}/oit/{code}/"
    return settings.SITE_URL + path


def oit_item_summaries(assessment: Assessment) -> list[OitItemSummary]:
    items = Item.objects.filter(framework=assessment.framework).select_related(
        "indicator", "sub_indicator"
    )
    return [
        OitItemSummary(
            code=item.code,
            stable_id=item.stable_id,
            title_th=item.title_th,
            title_en=item.title_en,
            indicator=item.indicator.code,
            sub_indicator=item.sub_indicator.code,
            state="draft",
            state_label="draft",
            result=None,
            public_url=public_item_url(assessment.unit.slug, assessment.year, item.code),
        )
        for item in items
    ]

"""Reads for OIT disclosures."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.models import Assessment


def oit_scoring_inputs(assessment: Assessment) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Evaluator results per item and the items that have evidence.

    Returns ``({item_code: {"criteria": {criterion_code: "pass"|"fail"|"conditional"},
    "decision": None | "pass" | "fail"}}, {item codes with published evidence})``.
    Items without a review are absent from the first mapping.
    """
    return {}, set()

"""The item result from the evaluator's criterion results (the framework's OIT rule)."""

from __future__ import annotations

from collections.abc import Sequence

from .models import ItemResult, ReviewResult


def passing_results(conditional_passes: bool | None) -> frozenset[str]:
    if conditional_passes:
        return frozenset({ReviewResult.PASS, ReviewResult.CONDITIONAL})
    return frozenset({ReviewResult.PASS})


def item_result(results: Sequence[str], *, conditional_passes: bool | None) -> str:
    """``"pass"``/``"fail"`` once known, ``""`` while some criterion has no result yet.

    ``results`` holds one entry per criterion (``""`` = not assessed), or the one decision of an
    item without criteria. A failed criterion fails the item even before the others are assessed.
    """
    ok = passing_results(conditional_passes)
    if any(r and r not in ok for r in results):
        return ItemResult.FAIL
    if not results or any(not r for r in results):
        return ""
    return ItemResult.PASS

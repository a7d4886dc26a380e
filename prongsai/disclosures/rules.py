"""The one OIT pass/fail rule: an item's result from the evaluator's criterion results (the
framework's ``oit.conditional_passes``). Pure (no Django, no ORM): the review services use it when
a review is released, exports use it to name failed criteria, and the scoring engine
(``prongsai.scoring.calculator``) uses it for the score, so the result a unit is shown and the
result that is scored cannot differ.
"""

from __future__ import annotations

from collections.abc import Sequence

# The stored values (ReviewResult / ItemResult in models.py use the same strings).
PASS, FAIL, CONDITIONAL = "pass", "fail", "conditional"


def passing_results(conditional_passes: bool | None) -> frozenset[str]:
    """The criterion results that count as met."""
    if conditional_passes:
        return frozenset({PASS, CONDITIONAL})
    return frozenset({PASS})


def item_result(results: Sequence[str | None], *, conditional_passes: bool | None) -> str:
    """``"pass"``/``"fail"`` once known, ``""`` while some criterion has no result yet.

    ``results`` holds one entry per criterion (``""`` or None = not assessed), or the one
    decision of an item without criteria. A failed criterion fails the item even before the
    others are assessed.
    """
    ok = passing_results(conditional_passes)
    if any(r and r not in ok for r in results):
        return FAIL
    if not results or any(not r for r in results):
        return ""
    return PASS

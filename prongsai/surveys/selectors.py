"""Reads for surveys."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from prongsai.assessments.models import Assessment

from .models import AnswerTally, RespondentTally


def survey_tallies(assessment: Assessment) -> dict[str, dict[str, Any]]:
    """``{"IIT": {"respondents": 12, "counts": {"i1.1": {4: 10, 3: 2}, …}}, "EIT": …}``.

    Plain dicts (the scoring app turns them into its own input types).
    """
    out: dict[str, dict[str, Any]] = {}
    for instrument, count in RespondentTally.objects.filter(assessment=assessment).values_list(
        "instrument", "count"
    ):
        out.setdefault(instrument, {"respondents": 0, "counts": {}})["respondents"] = count
    counts: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for instrument, key, level, count in AnswerTally.objects.filter(
        assessment=assessment
    ).values_list("instrument", "key", "level", "count"):
        counts[instrument][key][level] = count
    for instrument, by_key in counts.items():
        out.setdefault(instrument, {"respondents": 0, "counts": {}})["counts"] = {
            key: dict(levels) for key, levels in by_key.items()
        }
    return out

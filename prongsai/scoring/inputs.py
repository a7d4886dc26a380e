"""Gather an assessment's scoring inputs from the apps that own them (reads only)."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.disclosures.selectors import oit_scoring_inputs
from prongsai.surveys.selectors import survey_tallies, survey_target_overrides

from .calculator import ItemReview, ScoringInput, SurveyTally


def tally_from_plain(data: dict[str, Any]) -> SurveyTally:
    return SurveyTally(
        respondents=int(data.get("respondents", 0)),
        counts={
            key: {int(level): int(count) for level, count in levels.items()}
            for key, levels in data.get("counts", {}).items()
        },
    )


def scoring_input_for(assessment: Assessment) -> ScoringInput:
    surveys = {name: tally_from_plain(data) for name, data in survey_tallies(assessment).items()}
    reviews, with_data = oit_scoring_inputs(assessment)
    return ScoringInput(
        surveys=surveys,
        reviews={
            code: ItemReview(criteria=dict(r.get("criteria", {})), decision=r.get("decision"))
            for code, r in reviews.items()
        },
        headcounts={
            "IIT": assessment.headcount_internal,
            "EIT": assessment.headcount_external,
        },
        items_with_data=frozenset(with_data),
        target_overrides=survey_target_overrides([assessment.pk]).get(assessment.pk, {}),
    )

"""The surveys' integrity signal for parents' roll-ups: survey targets reached (IIT, EIT)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from prongsai.assessments.integrity_signals import (
    IntegritySignal,
    SignalFigure,
    SignalQuery,
    register_signal,
)
from prongsai.assessments.models import Assessment
from prongsai.frameworks.models import Framework

from .selectors import survey_progress_many

SURVEY_PROGRESS = "surveys.progress"  # SignalQuery.shared key: survey_progress_many's result


def _progress(query: SignalQuery) -> Any:
    assessments = list(
        Assessment.objects.filter(pk__in=query.assessment_ids).defer("framework__definition")
    )
    frameworks = {
        f.pk: f for f in Framework.objects.filter(pk__in={a.framework_id for a in assessments})
    }
    for assessment in assessments:
        assessment.framework = frameworks[assessment.framework_id]
    return survey_progress_many(assessments)


def survey_targets_reached(query: SignalQuery) -> Mapping[Any, SignalFigure]:
    out = {}
    for pk, by_instrument in query.read(SURVEY_PROGRESS, lambda: _progress(query)).items():
        with_target = [p for p in by_instrument.values() if p.target is not None]
        out[pk] = SignalFigure(
            done=sum(1 for p in with_target if not p.below_target), expected=len(with_target)
        )
    return out


def register_signals() -> None:
    register_signal(
        IntegritySignal(
            key="surveys",
            label=_("Survey targets reached"),
            behind_label=_("Survey targets not reached"),
            figures=survey_targets_reached,
            order=10,
        )
    )

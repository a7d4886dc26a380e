"""The register's integrity signal for parents' roll-ups: risk treatments done (overdue ones
late), by the same progress rule as the measures plan."""

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

from .selectors import treatment_progress_many

TREATMENT_PROGRESS = "risks.treatment_progress"


def treatments_done(query: SignalQuery) -> Mapping[Any, SignalFigure]:
    progress = query.read(
        TREATMENT_PROGRESS,
        lambda: treatment_progress_many(query.assessment_ids, today=query.today),
    )
    return {
        pk: SignalFigure(done=p.done, expected=p.treatments, late=p.overdue)
        for pk, p in progress.items()
    }


def register_signals() -> None:
    register_signal(
        IntegritySignal(
            key="risk_treatments",
            label=_("Risk treatments done"),
            behind_label=_("Risk treatments overdue or not done"),
            figures=treatments_done,
            order=50,
        )
    )

"""The plan's integrity signal for parents' roll-ups: plan rows completed (overdue ones late)."""

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

from .selectors import plan_progress_many

PLAN_PROGRESS = "measures.plan_progress"  # SignalQuery.shared key: plan_progress_many's result


def plan_rows_done(query: SignalQuery) -> Mapping[Any, SignalFigure]:
    progress = query.read(
        PLAN_PROGRESS, lambda: plan_progress_many(query.assessment_ids, today=query.today)
    )
    return {
        pk: SignalFigure(done=p.done, expected=p.rows, late=p.overdue) for pk, p in progress.items()
    }


def register_signals() -> None:
    register_signal(
        IntegritySignal(
            key="plan",
            label=_("Plan rows completed"),
            behind_label=_("Plan rows overdue or not completed"),
            figures=plan_rows_done,
            order=30,
        )
    )

"""OIT's integrity signal for parents' roll-ups: items the evaluator accepted, of the
framework's items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.integrity_signals import (
    IntegritySignal,
    SignalFigure,
    SignalQuery,
    register_signal,
)
from prongsai.assessments.models import Assessment
from prongsai.frameworks.models import Item

from .selectors import oit_progress_many

OIT_PROGRESS = "disclosures.oit_progress"  # SignalQuery.shared key: oit_progress_many's result


def oit_accepted(query: SignalQuery) -> Mapping[Any, SignalFigure]:
    ids = query.assessment_ids
    frameworks = dict(
        Assessment.objects.filter(pk__in=ids).values_list("pk", "framework_id").order_by()
    )
    items = dict(
        Item.objects.filter(framework_id__in=set(frameworks.values()))
        .values_list("framework_id")
        .annotate(n=Count("id"))
        .values_list("framework_id", "n")
        .order_by()
    )
    progress = query.read(OIT_PROGRESS, lambda: oit_progress_many(ids))
    return {
        pk: SignalFigure(done=progress[pk].accepted, expected=items.get(framework_id, 0))
        for pk, framework_id in frameworks.items()
    }


def register_signals() -> None:
    register_signal(
        IntegritySignal(
            key="oit",
            label=_("OIT items accepted"),
            behind_label=_("OIT items not accepted yet"),
            figures=oit_accepted,
            order=20,
        )
    )

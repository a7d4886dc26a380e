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

from .models import ItemWork, WorkState


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
    accepted = dict(
        ItemWork.objects.filter(assessment_id__in=ids, state=WorkState.ACCEPTED)
        .values_list("assessment_id")
        .annotate(n=Count("id"))
        .values_list("assessment_id", "n")
        .order_by()
    )
    return {
        pk: SignalFigure(done=accepted.get(pk, 0), expected=items.get(framework_id, 0))
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

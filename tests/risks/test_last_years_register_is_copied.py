"""A new fiscal year's register can start as a copy of last year's: the same processes, events
(with their rating) and treatments, without last year's follow-ups or due dates, and with last
year's scheme; last year's register is untouched."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.assessments.services import assessment_open
from prongsai.risks.models import FollowUp, Register, RiskEvent, Treatment
from prongsai.risks.services import event_save, register_open, treatment_save

from .helpers import add_followup, first_treatment, open_register


def _next_year(assessment: Any) -> Any:
    return assessment_open(
        actor="tests",
        unit=assessment.unit,
        framework=assessment.framework,
        year=assessment.year + 1,
        headcount_internal=12,
        headcount_external=2000,
    )


def test_copying_last_year_brings_processes_events_and_treatments_without_follow_ups(
    assessment: Any,
) -> None:
    old = open_register(assessment)
    treatment = first_treatment(old)
    treatment_save(
        actor="tests", event=treatment.event, treatment=treatment, due_date=dt.date(2024, 3, 31)
    )
    event_save(
        actor="tests",
        process=treatment.event.process,
        event=treatment.event,
        likelihood=4,
        impact=5,
    )
    add_followup(treatment)
    new = register_open(actor="tests", assessment=_next_year(assessment), start="copy")

    def shape(register: Register) -> list[tuple[Any, ...]]:
        return [
            (p.name, e.description, e.likelihood, e.impact, t.measure, t.owner_position, t.kpi)
            for p in register.processes.order_by("position")
            for e in p.events.order_by("position")
            for t in e.treatments.order_by("position")
        ]

    assert shape(new) == shape(old) and len(shape(new)) >= 4
    assert new.origin == f"copy:{assessment.year}"
    assert new.scheme == old.scheme
    copied = Treatment.objects.filter(event__process__register=new)
    assert not copied.filter(due_date__isnull=False).exists()
    assert set(copied.values_list("status", flat=True)) == {"not_started"}
    assert not FollowUp.objects.filter(treatment__event__process__register=new).exists()
    assert FollowUp.objects.filter(treatment__event__process__register=old).count() == 1
    assert RiskEvent.objects.filter(process__register=new, likelihood=4, impact=5).count() == 1


def test_there_is_nothing_to_copy_without_last_years_register(assessment: Any) -> None:
    with pytest.raises(ValidationError):
        register_open(actor="tests", assessment=assessment, start="copy")
    assert not Register.objects.exists()

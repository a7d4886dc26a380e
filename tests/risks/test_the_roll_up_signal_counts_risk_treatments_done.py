"""The register's integrity signal ("risk treatments done") answers for many assessments in one
query: treatments, completed ones and overdue ones, the same rule as the register page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.assessments.integrity_signals import SignalQuery, registered_signals
from prongsai.risks.models import Treatment
from prongsai.risks.services import treatment_save

from .helpers import add_followup, first_treatment, open_register


def test_the_signal_counts_done_and_overdue_treatments(assessment: Any) -> None:
    register = open_register(assessment)
    treatment = first_treatment(register)
    add_followup(treatment, status="done")
    other = Treatment.objects.filter(event__process__register=register).exclude(pk=treatment.pk)
    late = other.first()
    assert late is not None
    treatment_save(actor="tests", event=late.event, treatment=late, due_date=dt.date(2024, 1, 1))
    signal = next(s for s in registered_signals() if s.key == "risk_treatments")
    query = SignalQuery(
        assessments={assessment.pk: assessment.unit_id},
        year=assessment.year,
        today=dt.date(2024, 3, 1),
    )
    with CaptureQueriesContext(connection) as queries:
        figures = signal.figures(query)
    assert len(queries) == 1
    figure = figures[assessment.pk]
    total = Treatment.objects.filter(event__process__register=register).count()
    assert (figure.done, figure.expected, figure.late) == (1, total, 1)
    assert figure.behind

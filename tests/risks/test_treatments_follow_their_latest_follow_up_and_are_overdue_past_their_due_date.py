"""A treatment's status follows its latest follow-up (by date), as a plan row's follows its
latest progress update; past its due date and not completed it is overdue (the shared progress
rule of core/progress.py); a retried follow-up is stored once."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from prongsai.risks.selectors import register_view
from prongsai.risks.services import followup_delete, treatment_save

from .helpers import add_followup, first_treatment, open_register


def test_the_status_follows_the_latest_follow_up(assessment: Any) -> None:
    register = open_register(assessment)
    treatment = first_treatment(register)
    assert treatment.status == "not_started"
    add_followup(treatment, date=dt.date(2024, 3, 1), status="in_progress")
    later = add_followup(treatment, date=dt.date(2024, 3, 20), status="done")
    add_followup(treatment, date=dt.date(2024, 2, 1), status="in_progress")  # an older entry
    treatment.refresh_from_db()
    assert treatment.status == "done"
    followup_delete(actor="tests", followup=later)
    treatment.refresh_from_db()
    assert treatment.status == "in_progress"


def test_a_retried_follow_up_is_stored_once(assessment: Any) -> None:
    treatment = first_treatment(open_register(assessment))
    key = uuid.uuid4().hex
    first = add_followup(treatment, idempotency_key=key)
    again = add_followup(treatment, idempotency_key=key)
    assert first.pk == again.pk and treatment.followups.count() == 1


def test_past_the_due_date_and_not_done_is_overdue(assessment: Any) -> None:
    register = open_register(assessment)
    treatment = first_treatment(register)
    treatment_save(
        actor="tests", event=treatment.event, treatment=treatment, due_date=dt.date(2024, 1, 31)
    )

    def overdue(today: dt.date) -> list[Any]:
        return [t.treatment.pk for t in register_view(register, today=today).overdue]

    assert overdue(dt.date(2024, 1, 31)) == []
    assert overdue(dt.date(2024, 2, 1)) == [treatment.pk]
    add_followup(treatment, date=dt.date(2024, 2, 5), status="done")
    assert overdue(dt.date(2024, 2, 10)) == []

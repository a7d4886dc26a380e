"""The roll-up's "records published on time" signal: periods due so far, those published by their
due day done, the late and missing ones late; a bounded number of queries for many units."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.assessments.integrity_signals import SignalQuery, registered_signals

from .helpers import enter_statistics, publish_records


@pytest.mark.django_db
def test_signal(people: Any, tree: Any, assessment: Any) -> None:
    signal = next(s for s in registered_signals() if s.key == "records")
    enter_statistics(tree.unit)
    publish_records(people, tree, "statistics", "2566-10")  # published now: after its due day
    query = SignalQuery(
        assessments={assessment.pk: tree.unit.pk}, year=2567, today=dt.date(2023, 11, 20)
    )
    with CaptureQueriesContext(connection) as queries:
        figure = signal.figures(query)[assessment.pk]
    assert len(queries) <= 2
    assert figure.expected == 3  # October of O6, O10, O11 (the fund's first quarter is not due)
    assert figure.done == 0 and figure.late == 3 and figure.behind
    today = dt.date.today()
    figure = signal.figures(
        SignalQuery({assessment.pk: tree.unit.pk}, 2567, dt.date(2023, 11, 14))
    )[assessment.pk]
    assert figure.expected == 1 and figure.done == 0  # published (today) after the 15 Nov due day
    assert today > dt.date(2023, 11, 15)

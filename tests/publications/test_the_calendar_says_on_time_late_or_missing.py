"""The publication calendar: a month published by its due day is on time, after it late, not at
all and past it missing, and not yet due otherwise."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from prongsai.publications.models import Publication
from prongsai.publications.selectors import series_calendar

from ..conftest import Personas, Tree
from .helpers import publish, register_test_series


@pytest.fixture(autouse=True)
def _series() -> None:
    register_test_series()


def _publish_on(day: str, people: Personas, tree: Tree, period: str) -> None:
    publish(people, tree, period)
    # as if published on that day (late evening, Bangkok time: still that day)
    Publication.objects.filter(period=period).update(
        published_at=dt.datetime.fromisoformat(day + "T23:30:00+07:00")
    )


def test_on_time_late_missing_and_not_due(tree: Tree, people: Personas, assessment: Any) -> None:
    _publish_on("2023-11-15", people, tree, "2566-10")  # on its due day
    _publish_on("2023-12-16", people, tree, "2566-11")  # a day late
    status = {
        row.period: row.status
        for row in series_calendar(tree.unit, 2567, "tests.figures", today=dt.date(2024, 2, 1))
    }
    assert status["2566-10"] == "on_time"
    assert status["2566-11"] == "late"
    assert status["2566-12"] == "missing"  # due 15 Jan
    assert status["2567-01"] == "not_due"  # due 15 Feb

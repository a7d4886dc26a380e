"""A month is due by the unit's due day of the following month (15th by default): published on
or before it is on time, after it late; not published after it is missing, before it not due.
The OIT workspace's annotation and the dashboard show the same badges."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from prongsai.publications.models import Publication
from prongsai.records.annotations import records_annotations
from prongsai.records.calendar import kind_calendar
from prongsai.records.services import records_settings_set

from .helpers import enter_statistics, publish_records


def _status(tree: Any, period: str, today: dt.date) -> str:
    cal = kind_calendar(tree.unit, 2567, "statistics", today=today)
    return next(p.status for p in cal.periods if p.period == period)


def _published_on(day: dt.date) -> None:
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    Publication.objects.filter(series="records.statistics").update(published_at=at)


@pytest.mark.django_db
def test_late_after_the_due_day(people: Any, tree: Any, assessment: Any, client: Any) -> None:
    assert _status(tree, "2566-10", dt.date(2023, 11, 15)) == "not_due"
    assert _status(tree, "2566-10", dt.date(2023, 11, 16)) == "missing"
    enter_statistics(tree.unit)
    publish_records(people, tree, "statistics", "2566-10")
    _published_on(dt.date(2023, 11, 15))
    assert _status(tree, "2566-10", dt.date(2023, 12, 1)) == "on_time"
    _published_on(dt.date(2023, 11, 16))
    assert _status(tree, "2566-10", dt.date(2023, 12, 1)) == "late"
    records_settings_set(actor="tests", unit=tree.unit, due_day=20)  # the unit's own due day
    assert _status(tree, "2566-10", dt.date(2023, 12, 1)) == "on_time"
    records_settings_set(actor="tests", unit=tree.unit, due_day=15)

    note = records_annotations(assessment, "O10")["O10"]
    assert note.status == "fail"  # later months are missing by now
    assert "1 late" in note.label
    client.force_login(people.editor)
    dashboard = client.get("/u/kalasin-immigration/2567/").content.decode()
    assert 'data-testid="records-freshness"' in dashboard
    assert 'data-status="missing"' in dashboard

"""Score snapshots: pages never write them, a task makes them (one pending per assessment), and
only what the history needs is kept (the latest of each day and every released OIT result)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from prongsai.disclosures import services as oit
from prongsai.scoring.models import ScoreRefreshRequest, ScoreSnapshot
from prongsai.scoring.services import snapshot_refresh, snapshots_prune
from prongsai.surveys.services import tally_add

from ..conftest import Personas
from ..disclosures.helpers import add_link, review_all, work


def _answer(assessment: Any, level: int = 4) -> None:
    with transaction.atomic():
        tally_add(assessment=assessment, instrument="EIT", answers={"e1": level})


def test_a_dashboard_view_writes_no_snapshot_and_shows_the_current_score(
    client: Any, people: Personas, assessment: Any
) -> None:
    _answer(assessment)
    ScoreRefreshRequest.objects.all().delete()  # as if the task had not run yet
    before = ScoreSnapshot.objects.count()
    client.force_login(people.admin)
    response = client.get(reverse("scoring:dashboard", args=["kalasin-immigration", 2567]))
    assert response.status_code == 200
    assert ScoreSnapshot.objects.count() == before
    assert not ScoreRefreshRequest.objects.exists()
    assert response.context["r"]["respondents"]["EIT"]["count"] == 1


def test_answers_ask_for_one_snapshot_and_the_task_stores_it(
    assessment: Any, django_capture_on_commit_callbacks: Any
) -> None:
    ScoreRefreshRequest.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        for level in (4, 3, 2):
            _answer(assessment, level)
    # three changes, one request and one task
    assert ScoreRefreshRequest.objects.filter(assessment=assessment).count() == 1
    assert len(queued) == 1
    queued[0]()
    assert not ScoreRefreshRequest.objects.exists()
    assessment.refresh_from_db()
    snapshot = ScoreSnapshot.objects.get(
        assessment=assessment, inputs_version=assessment.inputs_version
    )
    assert snapshot.result["respondents"]["EIT"]["count"] == 3
    # right after it, a change waits (tasks run at once here: one snapshot per 20 s at most) …
    with django_capture_on_commit_callbacks(execute=True) as ran:
        _answer(assessment)
    assert not ran and ScoreRefreshRequest.objects.filter(assessment=assessment).exists()
    # … and a change once that time has passed runs it, with every answer so far
    ScoreSnapshot.objects.update(computed_at=timezone.now() - dt.timedelta(minutes=1))
    ScoreRefreshRequest.objects.update(requested_at=timezone.now() - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        _answer(assessment)
    assessment.refresh_from_db()
    latest = ScoreSnapshot.objects.filter(assessment=assessment).first()
    assert latest is not None and latest.inputs_version == assessment.inputs_version
    assert latest.result["respondents"]["EIT"]["count"] == 5
    assert not ScoreRefreshRequest.objects.exists()


def test_many_changes_in_a_day_keep_one_snapshot(assessment: Any) -> None:
    for level in (4, 3, 2, 1, 4):
        _answer(assessment, level)
        snapshot_refresh(assessment)
    assert ScoreSnapshot.objects.filter(assessment=assessment).count() == 1
    assert (
        ScoreSnapshot.objects.get(assessment=assessment).result["respondents"]["EIT"]["count"] == 5
    )


def test_a_released_review_is_kept_and_so_is_the_last_snapshot_of_each_day(
    assessment: Any,
) -> None:
    _answer(assessment)
    snapshot_refresh(assessment)
    add_link(assessment, "O3")
    review_all(
        oit.work_submit(actor="tests", work=work(assessment, "O3")), "pass", action="complete"
    )
    released = snapshot_refresh(assessment)
    assert released.released
    assert released.result["items"]["O3"] == 100
    _answer(assessment)
    snapshot_refresh(assessment)
    _answer(assessment)
    latest = snapshot_refresh(assessment)
    assert not latest.released
    kept = set(ScoreSnapshot.objects.filter(assessment=assessment).values_list("pk", flat=True))
    assert kept == {released.pk, latest.pk}

    # Move them to earlier days: one per day stays, released ones stay whatever their day.
    # (at the unit's local noon: two hours apart at 01:00 in Bangkok straddled midnight, and the
    # two "same day" snapshots fell on two days)
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    days = {
        1: [noon - dt.timedelta(days=3, hours=2), noon - dt.timedelta(days=3, hours=1)],
        2: [noon - dt.timedelta(days=2)],
    }
    rows = []
    for version, stamp in enumerate([*days[1], *days[2]], start=1000):
        row = ScoreSnapshot.objects.create(
            assessment=assessment, inputs_version=version, result=latest.result
        )
        ScoreSnapshot.objects.filter(pk=row.pk).update(computed_at=stamp)
        rows.append(row.pk)
    old_released = ScoreSnapshot.objects.create(
        assessment=assessment, inputs_version=999, result=latest.result, released=True
    )
    ScoreSnapshot.objects.filter(pk=old_released.pk).update(computed_at=days[1][0])
    assert snapshots_prune(assessment_ids=[assessment.pk]) == 1
    kept = set(ScoreSnapshot.objects.filter(assessment=assessment).values_list("pk", flat=True))
    # the earlier snapshot of day 1 went; its later one, day 2's, the released ones and today's stay
    assert kept == {rows[1], rows[2], old_released.pk, released.pk, latest.pk}

"""Compute, keep and prune score snapshots (written by a task, never by a page).

* ``snapshot_schedule``: an input changed (the ``inputs_changed`` signal, in the writer's
  transaction): ask for a snapshot. At most one request, and so one queued task, per assessment;
  with a task worker the task runs ``REFRESH_DELAY`` seconds later, so a burst of answers costs
  one computation (with tasks run at once, at most one per ``REFRESH_DELAY``).
* ``snapshot_refresh_requested`` (the task): take the request, compute, store, prune.
* ``snapshots_prune``: keep what the history needs — the latest snapshot of each day (local
  time) and every snapshot marked ``released`` (its released OIT results differ from the
  snapshot before it) — and delete the rest.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from prongsai.assessments.models import Assessment

from .calculator import score
from .inputs import scoring_input_for
from .models import ScoreRefreshRequest, ScoreSnapshot

# Seconds a requested snapshot waits in the database queue (answers arriving meanwhile join it).
REFRESH_DELAY = 20

_REQUEST_SQL = (
    "INSERT INTO scoring_scorerefreshrequest (assessment_id, requested_at) VALUES (%s, %s) "
    "ON CONFLICT DO NOTHING"
)
_WAITING_SQL = (
    "SELECT 1 FROM scoring_scorerefreshrequest WHERE assessment_id = %s AND requested_at <= %s"
)
assert ScoreRefreshRequest._meta.db_table == "scoring_scorerefreshrequest"


def snapshot_schedule(*, assessment_id: Any) -> bool:
    """Ask for a new snapshot in the current transaction; False when one is already pending."""
    field = ScoreRefreshRequest._meta.get_field("assessment")
    params = [
        field.get_db_prep_value(assessment_id, connection),
        ScoreRefreshRequest._meta.get_field("requested_at").get_db_prep_value(
            timezone.now(), connection
        ),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_REQUEST_SQL, params)
        created = cursor.rowcount == 1
    from .tasks import refresh_snapshot

    key = str(assessment_id)
    if refresh_snapshot.get_backend().supports_defer:
        if created:
            # Queued with this transaction: the request and its task commit (or vanish)
            # together; changes until it runs join it.
            refresh_snapshot.using(
                run_after=timezone.now() + dt.timedelta(seconds=REFRESH_DELAY)
            ).enqueue(key)
        return created
    # A backend that runs tasks at once (the demo, development): run it after this commit,
    # unless a snapshot was made less than REFRESH_DELAY ago; the request then waits for the
    # first change after that (pages compute the score themselves meanwhile).
    since = timezone.now() - dt.timedelta(seconds=REFRESH_DELAY)
    if created:
        if ScoreSnapshot.objects.filter(
            assessment_id=assessment_id, computed_at__gt=since
        ).exists():
            return True
    else:
        # On every submission while a request waits: one prepared statement, no ORM compiling.
        since_param = ScoreRefreshRequest._meta.get_field("requested_at").get_db_prep_value(
            since, connection
        )
        with connection.cursor() as cursor:
            cursor.execute(_WAITING_SQL, [params[0], since_param])
            waited = cursor.fetchone() is not None
        if not waited:
            return False
    transaction.on_commit(lambda: refresh_snapshot.enqueue(key))
    return created


def snapshot_refresh_requested(*, assessment_id: Any) -> ScoreSnapshot | None:
    """The task's work: take the pending request (a change after this asks again), then compute."""
    with transaction.atomic():
        taken, _ = ScoreRefreshRequest.objects.filter(assessment_id=assessment_id).delete()
    if not taken:
        return None
    assessment = Assessment.objects.select_related("framework").filter(pk=assessment_id).first()
    if assessment is None:
        return None
    return snapshot_refresh(assessment)


def snapshot_current(assessment: Assessment) -> ScoreSnapshot:
    """The stored snapshot of the current inputs, computing it when missing (commands, tasks;
    pages read ``selectors.score_now``, which never writes)."""
    version = (
        Assessment.objects.filter(pk=assessment.pk).values_list("inputs_version", flat=True).get()
    )
    snapshot = ScoreSnapshot.objects.filter(assessment=assessment, inputs_version=version).first()
    if snapshot is not None:
        return snapshot
    return snapshot_refresh(assessment, inputs_version=version)


def _released_changed(previous: ScoreSnapshot | None, result: dict[str, Any]) -> bool:
    items = result.get("items", {})
    if previous is None:
        return any(value is not None for value in items.values())
    return bool(items != previous.result.get("items", {}))


def snapshot_refresh(assessment: Assessment, *, inputs_version: int | None = None) -> ScoreSnapshot:
    if inputs_version is None:
        inputs_version = (
            Assessment.objects.filter(pk=assessment.pk)
            .values_list("inputs_version", flat=True)
            .get()
        )
    result = score(assessment.framework.spec, scoring_input_for(assessment)).to_json()
    previous = (
        ScoreSnapshot.objects.filter(assessment=assessment, inputs_version__lt=inputs_version)
        .order_by("-inputs_version")
        .first()
    )
    fields: dict[str, Any] = {
        "total": result["total"],
        "grade": result["grade"] or "",
        "rating": result["rating_id"] or "",
        "result": result,
        "released": _released_changed(previous, result),
    }
    try:
        with transaction.atomic():
            snapshot, _ = ScoreSnapshot.objects.update_or_create(
                assessment=assessment, inputs_version=inputs_version, defaults=fields
            )
    except IntegrityError:  # computed concurrently by another worker: same inputs, same result
        snapshot = ScoreSnapshot.objects.get(assessment=assessment, inputs_version=inputs_version)
    snapshots_prune(assessment_ids=[assessment.pk])
    return snapshot


def snapshots_prune(*, assessment_ids: Iterable[Any] | None = None) -> int:
    """Delete the snapshots the history does not need; returns how many were deleted."""
    query = ScoreSnapshot.objects.all()
    if assessment_ids is not None:
        query = query.filter(assessment_id__in=list(assessment_ids))
    latest_of_day: dict[tuple[Any, dt.date], tuple[int, int]] = {}
    rows: dict[Any, list[tuple[int, int, bool]]] = defaultdict(list)
    for pk, assessment_id, version, computed_at, released in query.values_list(
        "pk", "assessment_id", "inputs_version", "computed_at", "released"
    ).order_by():
        day = timezone.localdate(computed_at)
        key = (assessment_id, day)
        if key not in latest_of_day or version > latest_of_day[key][0]:
            latest_of_day[key] = (version, pk)
        rows[assessment_id].append((pk, version, released))
    keep = {pk for _version, pk in latest_of_day.values()}
    doomed = [
        pk
        for snapshots in rows.values()
        for pk, _version, released in snapshots
        if not released and pk not in keep
    ]
    deleted = 0
    for start in range(0, len(doomed), 500):
        deleted += ScoreSnapshot.objects.filter(pk__in=doomed[start : start + 500]).delete()[0]
    return deleted

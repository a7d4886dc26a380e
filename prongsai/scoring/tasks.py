"""Background tasks of scoring (django-tasks: the database queue and ``manage.py db_worker`` in
production, immediate in the demo and the tests)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_snapshot(assessment_id: str) -> int | None:
    """Compute and store the snapshot an input change asked for; returns its inputs version."""
    from .services import snapshot_refresh_requested

    snapshot = snapshot_refresh_requested(assessment_id=assessment_id)
    return None if snapshot is None else snapshot.inputs_version

"""Background tasks of the core app (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import default_task_backend, task

ANCHOR_HOUR = 3  # local time of the daily anchor


def _next_run(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    run = local.replace(hour=ANCHOR_HOUR, minute=0, second=0, microsecond=0)
    return run if run > local else run + dt.timedelta(days=1)


def daily_anchor_scheduled() -> bool:
    """Whether a future run of the daily anchor already waits in the database queue."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=publish_audit_anchor.module_path,
        status="READY",
        run_after__gt=timezone.now(),
    ).exists()


def schedule_daily_anchor() -> bool:
    """Queue the next daily anchor (once); False when the backend cannot run tasks later."""
    if not default_task_backend.supports_defer:
        return False
    if not daily_anchor_scheduled():
        publish_audit_anchor.using(run_after=_next_run(timezone.now())).enqueue(daily=True)
    return True


@task()
def publish_audit_anchor(daily: bool = False) -> dict[str, object]:
    """Append the audit chain's head to the anchor file; with ``daily``, queue tomorrow's run."""
    from .audit_anchor import anchor_publish

    anchor = anchor_publish()
    if daily:
        schedule_daily_anchor()
    return {"seq": anchor.seq, "hash": anchor.hash, "count": anchor.count}

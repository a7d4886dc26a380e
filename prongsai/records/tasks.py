"""Background tasks of the records (django-tasks: immediate in the demo and tests, the database
queue and ``manage.py db_worker`` in production)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from prongsai.organizations.models import Unit


@task()
def send_records_reminders(unit_id: str, year: int, today: str | None = None) -> int:
    """E-mail the unit's editors about records due or missing; returns e-mails queued."""
    from .reminders import send_reminders

    unit = Unit.objects.get(pk=unit_id)
    return send_reminders(unit, year, today=dt.date.fromisoformat(today) if today else None)

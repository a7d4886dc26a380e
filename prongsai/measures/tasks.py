"""Background tasks of the measures plan (django-tasks: immediate in the demo and tests, the
database queue and ``manage.py db_worker`` in production)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from prongsai.assessments.models import Assessment


@task()
def send_plan_reminders(assessment_id: str, today: str | None = None) -> int:
    """E-mail the people responsible for the plan's overdue rows; returns e-mails queued."""
    from .reminders import send_reminders

    assessment = Assessment.objects.select_related("unit", "framework").get(pk=assessment_id)
    return send_reminders(assessment, today=dt.date.fromisoformat(today) if today else None)

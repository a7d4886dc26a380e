"""The delivery task (django-tasks: the database queue and ``manage.py db_worker`` in
production, immediate in the demo and the tests)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_mail(mail_id: str) -> str:
    """Send one queued mail; on failure it is retried later (see outbox.py)."""
    from .outbox import mail_deliver

    return mail_deliver(mail_id)

"""Background tasks of the surveys (django-tasks: the database queue and ``manage.py db_worker``
in production, immediate in the demo and the tests)."""

from __future__ import annotations

from django_tasks import task


@task()
def flush_ballot_box(campaign_id: str, everything: bool = False) -> int:
    """Write a random batch of waiting IIT sheets (services/ballot_box.py); returns how many."""
    from .services.ballot_box import ballot_box_flush

    return ballot_box_flush(campaign_id=campaign_id, everything=everything)

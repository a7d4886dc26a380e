"""Background work of the roll-up (django-tasks: immediate in the demo and tests, the database
queue and ``manage.py db_worker`` in production)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from prongsai.frameworks.models import Framework
from prongsai.organizations.models import Unit


@task()
def open_subtree_assessments(
    unit_id: str, year: int, framework_id: str, leaves_only: bool, user_id: int
) -> int:
    """Open the year for a whole subtree (hundreds of units: off the request path)."""
    from .services import subtree_assessments_open

    result = subtree_assessments_open(
        actor=get_user_model().objects.get(pk=user_id),
        root=Unit.objects.get(pk=unit_id),
        year=year,
        framework=Framework.objects.get(pk=framework_id),
        leaves_only=leaves_only,
    )
    return len(result.opened)


@task()
def send_weekly_digests(year: int) -> int:
    """This week's digests (each viewer at most once a week, whatever runs it how often)."""
    from .services import digests_send

    return digests_send(year=year)


@task()
def refresh_figures() -> int:
    """Store the figures of every assessment whose refresh is pending (see
    ``services.figures_schedule``); returns how many were refreshed."""
    from .services import figures_refresh_requested

    return figures_refresh_requested()


@task()
def rebuild_figures(year: int | None = None) -> int:
    """Store every assessment's figures anew (nightly: figures that depend on the day)."""
    from .services import figures_rebuild

    return figures_rebuild(year=year)

"""The render task (django-tasks: immediate in the demo and tests, the database queue and
``manage.py db_worker`` in production; any number of workers, see services._claim)."""

from __future__ import annotations

from django_tasks import task


@task()
def render_document(document_id: str) -> str:
    from .services import document_render

    return document_render(document_id)

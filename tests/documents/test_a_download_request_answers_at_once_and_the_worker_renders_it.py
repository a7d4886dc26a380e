"""Heavy documents leave the request path: the report page builds nothing, a download button
answers at once with a page that shows progress (and refreshes itself without JavaScript), and
the database task worker renders the file, which the page then offers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from prongsai.documents.models import GeneratedDocument
from prongsai.reports import builder

from .helpers import file_content

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _report_url(name: str) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": "kalasin-immigration", "year": 2567})


def test_the_report_page_does_not_build_the_report(
    client: Any, people: Any, assessment: Any, monkeypatch: Any
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the report page built the whole report")

    monkeypatch.setattr(builder, "build_report", refuse)
    monkeypatch.setattr(builder, "_build", refuse)
    client.force_login(people.viewer)
    page = client.get(_report_url("index"))
    assert page.status_code == 200
    assert 'data-testid="report-download"' in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_worker_renders_what_the_request_queued(
    client: Any, people: Any, assessment: Any, settings: Any
) -> None:
    settings.TASKS = DATABASE_TASKS
    client.force_login(people.viewer)
    pressed = client.post(_report_url("download"), {"round": "6", "format": "pdf"})
    assert pressed.status_code == 302  # answered without rendering anything
    document = GeneratedDocument.objects.get()
    assert document.status == "queued" and not document.file
    assert pressed["Location"] == f"{document.get_absolute_url()}?start=1"

    waiting = client.get(pressed["Location"])
    html = waiting.content.decode()
    assert 'data-testid="document-progress"' in html
    assert '<meta http-equiv="refresh" content="2;url=?start=1">' in html  # works without JS
    assert client.get(document.file_url).status_code == 302  # nothing to download yet

    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)

    document.refresh_from_db()
    assert document.status == "ready" and document.attempts == 1
    assert document.started_at and document.finished_at and document.size > 1000
    ready = client.get(pressed["Location"]).content.decode()
    assert 'data-testid="document-ready"' in ready
    assert f'<meta http-equiv="refresh" content="0;url={document.file_url}">' in ready
    content = file_content(client.get(document.file_url))
    assert content.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(content).hexdigest() == document.sha256


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_render_the_same_document(
    client: Any, people: Any, assessment: Any, settings: Any, monkeypatch: Any
) -> None:
    from prongsai.documents import services

    settings.TASKS = DATABASE_TASKS
    client.force_login(people.viewer)
    client.post(_report_url("download"), {"round": "12", "format": "docx"})
    document = GeneratedDocument.objects.get()
    renders = []
    original = services.kind_for

    def counting(name: str) -> Any:
        renders.append(name)
        return original(name)

    monkeypatch.setattr(services, "kind_for", counting)
    # The same task handed to two workers (a retried delivery): one renders, one returns.
    assert services.document_render(document.pk) == "ready"
    assert services.document_render(document.pk) == "ready"
    assert len(renders) == 1

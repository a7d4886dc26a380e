"""A render that fails shows a Thai message and a retry button (never a server error); a render
whose worker died (killed, restarted) is shown as interrupted and can be retried too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from prongsai.documents.models import GeneratedDocument
from prongsai.reports import document_kinds

from .helpers import file_content, request_document


def _download() -> str:
    return reverse("reports:download", kwargs={"slug": "kalasin-immigration", "year": 2567})


def _retry(client: Any, document: GeneratedDocument) -> Any:
    url = reverse(
        "documents:retry", kwargs={"slug": "kalasin-immigration", "document_id": document.pk}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        pressed = client.post(url)
    assert pressed.status_code == 302
    return client.get(pressed["Location"])


def test_a_failed_render_says_so_in_thai_and_a_retry_succeeds(
    client: Any, people: Any, assessment: Any, monkeypatch: Any
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise MemoryError("out of memory while laying out the report")

    monkeypatch.setattr(document_kinds, "build_report", broken)
    client.force_login(people.viewer)
    page = request_document(client, _download(), {"round": "6", "format": "pdf"})
    assert page.status_code == 200
    document = page.context["document"]
    assert document.status == "failed"
    html = page.content.decode()
    assert "จัดทำเอกสารไม่สำเร็จ" in html and "memory" not in html  # no developer text
    assert 'data-testid="document-retry"' in html
    assert "http-equiv" not in html  # a failed page does not refresh itself

    monkeypatch.undo()
    page = _retry(client, document)
    document.refresh_from_db()
    assert document.status == "ready" and document.attempts == 2 and not document.error
    assert file_content(client.get(document.file_url)).startswith(b"%PDF")


def test_a_render_whose_worker_died_can_be_retried(
    client: Any, people: Any, assessment: Any, settings: Any
) -> None:
    client.force_login(people.viewer)
    client.post(_download(), {"round": "6", "format": "docx"})  # queued (no commit in tests)
    document = GeneratedDocument.objects.get()
    started = timezone.now() - dt.timedelta(seconds=settings.DOCUMENTS_RENDER_TIMEOUT + 60)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status="running", started_at=started, attempts=1
    )
    page = client.get(document.get_absolute_url())
    html = page.content.decode()
    assert 'data-status="failed"' in html and 'data-testid="document-retry"' in html
    assert "ถูกขัดจังหวะ" in html  # "interrupted", in Thai
    page = _retry(client, document)
    document.refresh_from_db()
    assert document.status == "ready"


def test_a_new_request_replaces_a_render_whose_worker_died(
    client: Any, people: Any, assessment: Any, settings: Any
) -> None:
    client.force_login(people.viewer)
    client.post(_download(), {"round": "12", "format": "pdf"})
    stale = GeneratedDocument.objects.get()
    started = timezone.now() - dt.timedelta(seconds=settings.DOCUMENTS_RENDER_TIMEOUT + 60)
    GeneratedDocument.objects.filter(pk=stale.pk).update(status="running", started_at=started)
    page = request_document(client, _download(), {"round": "12", "format": "pdf"})
    assert page.context["document"].pk != stale.pk
    assert page.context["document"].status == "ready"
    stale.refresh_from_db()
    assert stale.status == "failed"

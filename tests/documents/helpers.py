"""Asking for a generated document as a browser does: press the button (POST), land on the
document's page, download the file it offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import TestCase

from prongsai.documents.models import GeneratedDocument


@dataclass
class Fetched:
    document: GeneratedDocument
    page: Any  # the document page's response
    response: Any  # the file's response (headers)
    content: bytes


def file_content(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def request_document(client: Any, url: str, data: dict[str, Any] | None = None) -> Any:
    """Press the button; returns the document page the redirect leads to. The render task is
    enqueued when the request's transaction commits: inside a test's transaction, run it then."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        pressed = client.post(url, data or {})
    assert pressed.status_code == 302, (pressed.status_code, url)
    location = pressed["Location"]
    assert "/documents/" in location and location.endswith("?start=1"), location
    return client.get(location)


def fetch_document(client: Any, url: str, data: dict[str, Any] | None = None) -> Fetched:
    """Press the button and download the file (the immediate task backend renders it at once)."""
    page = request_document(client, url, data)
    assert page.status_code == 200
    document = page.context["document"]
    assert document.is_ready, (document.status, document.error)
    response = client.get(document.file_url)
    assert response.status_code == 200
    content = file_content(response)
    document.refresh_from_db()
    return Fetched(document=document, page=page, response=response, content=content)

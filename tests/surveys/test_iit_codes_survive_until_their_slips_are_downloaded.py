"""IIT codes are kept, encrypted, until their slips have been downloaded once; then they are
destroyed. A slips render that fails loses nothing: the admin retries and gets working codes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client, TestCase
from django.urls import reverse

from prongsai.documents.models import GeneratedDocument
from prongsai.surveys import printing
from prongsai.surveys.models import AccessCode, CodeBatch

from ..documents.helpers import file_content, request_document
from .conftest import redeem

CODE = re.compile(r"\b([A-Z0-9]{5}-[A-Z0-9]{5})\b")


def _url(name: str, **kwargs: Any) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"slug": "kalasin-immigration", "year": 2567, **kwargs}
    )


def _printed_codes(content: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "slips.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return sorted(set(CODE.findall(text)))


def _everything_stored() -> bytes:
    """Every row of the surveys and documents tables and every file in the media folder."""
    from django.apps import apps

    chunks: list[bytes] = []
    for label in ("surveys", "documents"):
        for model in apps.get_app_config(label).get_models():
            chunks.extend(repr(row).encode() for row in model._default_manager.values_list())
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            chunks.append(path.read_bytes())
    return b"\n".join(chunks)


def test_a_failed_slips_render_keeps_the_codes_for_a_retry(
    client: Any, people: Any, iit: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    client.force_login(people.admin)

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("the PDF engine crashed")

    monkeypatch.setattr(printing, "slips_pdf", broken)
    page = request_document(client, _url("codes"), {"count": 4})
    document = page.context["document"]
    assert document.status == "failed"
    html = page.content.decode()
    assert 'data-testid="document-failed"' in html
    assert "ลองอีกครั้ง" in html  # a Thai message and a retry button
    batch = CodeBatch.objects.get()
    assert AccessCode.objects.filter(batch=batch).count() == 4
    assert batch.sealed_codes  # the codes survive, encrypted

    monkeypatch.undo()
    retry = reverse(
        "documents:retry", kwargs={"slug": "kalasin-immigration", "document_id": document.pk}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        pressed = client.post(retry)
    page = client.get(pressed["Location"])
    document = page.context["document"]
    assert document.status == "ready" and document.attempts == 2
    content = file_content(client.get(document.file_url))
    codes = _printed_codes(content, tmp_path)
    assert len(codes) == 4
    assert redeem(Client(), iit, codes[0])  # the printed codes work
    batch.refresh_from_db()
    assert batch.sealed_codes is None  # and exist nowhere else any more


def test_the_first_complete_download_destroys_the_codes(
    client: Any, people: Any, iit: Any, tmp_path: Path
) -> None:
    client.force_login(people.admin)
    page = request_document(client, _url("codes"), {"count": 3})
    document = page.context["document"]
    assert document.status == "ready" and page.context["auto_download"]
    # Before the download the slips are stored encrypted: no PDF, no code in clear anywhere.
    stored = Path(settings.MEDIA_ROOT, document.file.name).read_bytes()
    assert not stored.startswith(b"%PDF")

    # A probe (HEAD) sends nothing and destroys nothing.
    assert client.head(document.file_url).status_code == 405
    # A download cut short (the connection dropped before the last byte) destroys nothing.
    interrupted = client.get(document.file_url)
    next(iter(interrupted.streaming_content))  # then nothing more is read
    assert CodeBatch.objects.get().sealed_codes

    response = client.get(document.file_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    codes = _printed_codes(file_content(response), tmp_path)
    assert len(codes) == 3

    batch = CodeBatch.objects.get()
    assert batch.sealed_codes is None and batch.slips_downloaded_on is not None
    document.refresh_from_db()
    assert document.delivered_at is not None and not document.file
    everything = _everything_stored()
    for code in codes:
        assert code.encode() not in everything and code.replace("-", "").encode() not in everything
    # The file is gone: a second download is refused, the page says why.
    again = client.get(document.file_url)
    assert again.status_code == 302
    assert 'data-testid="document-delivered"' in client.get(again["Location"]).content.decode()
    # Asking for the slips of this batch again renders nothing: the codes no longer exist.
    page = request_document(client, _url("slips", batch_id=batch.pk))
    assert page.context["document"].status == "failed"
    assert GeneratedDocument.objects.filter(status="ready", delivered_at__isnull=True).count() == 0
    # The codes still work (only hashes were ever needed for that).
    assert redeem(Client(), iit, codes[1])


def test_slips_not_yet_downloaded_can_be_asked_for_again(
    client: Any, people: Any, iit: Any, tmp_path: Path
) -> None:
    client.force_login(people.admin)
    first = request_document(client, _url("codes"), {"count": 2}).context["document"]
    batch = CodeBatch.objects.get()
    overview = client.get(_url("overview")).content.decode()
    assert _url("slips", batch_id=batch.pk) in overview  # "download the slips" is offered
    again = request_document(client, _url("slips", batch_id=batch.pk)).context["document"]
    assert again.pk == first.pk  # the ready, undelivered file is handed out, not rendered twice
    assert len(_printed_codes(file_content(client.get(again.file_url)), tmp_path)) == 2
    assert _url("slips", batch_id=batch.pk) not in client.get(_url("overview")).content.decode()


def test_only_unit_admins_get_the_slips(client: Any, people: Any, iit: Any) -> None:
    client.force_login(people.admin)
    document = request_document(client, _url("codes"), {"count": 2}).context["document"]
    for persona in (people.editor, people.viewer, people.head):
        client.force_login(persona)
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(document.file_url).status_code == 404
    assert CodeBatch.objects.get().sealed_codes

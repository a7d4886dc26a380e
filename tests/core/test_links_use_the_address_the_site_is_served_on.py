"""``make demo PORT=8101`` serves on 8101: without ``SITE_URL``, every absolute link the product
builds — the links printed for the ITA system, the survey links and their QR codes, the code
slips, the poster, the report's appendix, the password-reset mail — uses the address the
request came in on, also when the document is rendered later by the task worker.
``SITE_URL``, when set, wins."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import segno
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from docx import Document

from prongsai.documents.models import GeneratedDocument
from prongsai.documents.services import document_render

from ..documents.helpers import fetch_document
from ..full_demo import SERVED as FULL_DEMO_SERVED
from ..second_factor import TwoFactorClient

SERVED = "http://127.0.0.1:8101"
UNIT, YEAR = "kalasin-immigration", 2567
# Any absolute link to this machine: it must name the port served.
LOCAL_LINK = re.compile(r"https?://(?:127\.0\.0\.1|localhost|testserver)(?::\d+)?")


@pytest.fixture
def demo(full_demo: Any, db: None, settings: Any) -> None:
    """The demo as ``make demo PORT=8101`` serves it (loaded once for the run: tests/full_demo.py)."""
    assert SERVED == FULL_DEMO_SERVED
    settings.DEBUG = False
    settings.SITE_URL = ""  # not set, as in `make demo`


def _client(username: str) -> TwoFactorClient:
    client = TwoFactorClient(HTTP_HOST="127.0.0.1:8101")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _local_links(text: str) -> set[str]:
    return set(LOCAL_LINK.findall(text))


class QrPayloads:
    """What every QR code made meanwhile carries (segno encodes exactly this text)."""

    def __init__(self, monkeypatch: Any) -> None:
        self.payloads: list[str] = []
        original = segno.make

        def spy(content: Any, *args: Any, **kwargs: Any) -> Any:
            self.payloads.append(str(content))
            return original(content, *args, **kwargs)

        monkeypatch.setattr(segno, "make", spy)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_pages_qr_codes_slips_poster_and_report_use_the_port_served(
    demo: None, monkeypatch: Any
) -> None:
    qr = QrPayloads(monkeypatch)
    client = _client("kalasin-admin")

    links = client.get(reverse("disclosures:links", kwargs={"slug": UNIT, "year": YEAR}))
    assert links.status_code == 200
    html = links.content.decode()
    assert f"{SERVED}/p/{UNIT}/{YEAR}/oit/O1/" in html
    assert _local_links(html) == {SERVED}

    surveys = client.get(reverse("surveys:overview", kwargs={"slug": UNIT, "year": YEAR}))
    html = surveys.content.decode()
    assert f"{SERVED}/s/{UNIT}/{YEAR}/eit/" in html
    assert _local_links(html) == {SERVED}

    assert client.get(f"/u/{UNIT}/{YEAR}/surveys/eit/qr.png").status_code == 200
    poster = fetch_document(client, f"/u/{UNIT}/{YEAR}/surveys/eit/poster/")
    assert poster.content.startswith(b"%PDF")
    slips = fetch_document(client, f"/u/{UNIT}/{YEAR}/surveys/iit/codes/", {"count": "3"})
    assert slips.content.startswith(b"%PDF")
    eit, iit = f"{SERVED}/s/{UNIT}/{YEAR}/eit/", f"{SERVED}/s/{UNIT}/{YEAR}/iit/#"
    assert qr.payloads.count(eit) >= 2  # the QR image and the poster's
    assert sum(p.startswith(iit) for p in qr.payloads) == 3  # one per slip, code after '#'
    assert all(p == eit or p.startswith(iit) for p in qr.payloads), qr.payloads

    report = fetch_document(
        client, f"/u/{UNIT}/{YEAR}/report/download/", {"round": "12", "format": "docx"}
    )
    text = _docx_text(report.content)
    assert f"{SERVED}/p/{UNIT}/{YEAR}/oit/O1/" in text  # appendix A: the items' public pages
    assert _local_links(text) == {SERVED}


def test_a_document_rendered_later_by_the_worker_keeps_the_address_it_was_asked_from(
    demo: None, settings: Any
) -> None:
    # A queue nobody works on: the render happens below, outside any request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = _client("kalasin-admin")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/u/{UNIT}/{YEAR}/report/download/", {"round": "6", "format": "docx"})
    document = GeneratedDocument.objects.get(kind="reports.report")
    assert document.status == "queued" and document.site_url == SERVED
    assert document_render(document.pk) == "ready"
    document.refresh_from_db()
    text = _docx_text(document.file.read())
    assert f"{SERVED}/p/{UNIT}/{YEAR}/oit/" in text
    assert _local_links(text) == {SERVED}


def test_the_password_reset_link_uses_the_port_served(
    demo: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = get_user_model().objects.get(username="kalasin-editor")
    user.email = "editor@example.go.th"
    user.save()
    client = TwoFactorClient(HTTP_HOST="127.0.0.1:8101")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "editor@example.go.th"})
    (sent,) = mail.outbox
    assert f"{SERVED}/accounts/reset/" in sent.body
    assert _local_links(str(sent.body)) == {SERVED}


def test_a_configured_site_url_wins(demo: None, settings: Any, monkeypatch: Any) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    qr = QrPayloads(monkeypatch)
    client = _client("kalasin-admin")
    html = client.get(f"/u/{UNIT}/{YEAR}/oit/links/").content.decode()
    assert f"https://ita.example.go.th/p/{UNIT}/{YEAR}/oit/O1/" in html
    assert not _local_links(html)
    client.get(f"/u/{UNIT}/{YEAR}/surveys/eit/qr.svg")
    assert qr.payloads == [f"https://ita.example.go.th/s/{UNIT}/{YEAR}/eit/"]


def test_absolute_links_are_built_by_one_helper() -> None:
    """Only prongsai/core/site.py reads SITE_URL; nothing builds links from the request itself."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "prongsai"
    readers = sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "settings.SITE_URL" in (text := p.read_text(encoding="utf-8"))
        or "build_absolute_uri" in text
    )
    assert readers == ["core/site.py"]

"""Generated files do not pile up: documents older than DOCUMENTS_KEEP_DAYS go with their files
(after any render, and with ``manage.py documents_purge``); a frozen (published) version stays."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError
from prongsai.documents.services import document_freeze, documents_purge

from .helpers import fetch_document


def _three_documents(client: Any) -> list[GeneratedDocument]:
    url = reverse("reports:download", kwargs={"slug": "kalasin-immigration", "year": 2567})
    return [
        fetch_document(client, url, {"round": r, "format": f}).document
        for r, f in (("6", "docx"), ("12", "docx"), ("6", "pdf"))
    ]


def _age(document: GeneratedDocument, days: int) -> None:
    when = timezone.now() - dt.timedelta(days=days)
    GeneratedDocument.objects.filter(pk=document.pk).update(created_at=when, finished_at=when)


def test_old_files_go_and_frozen_ones_stay(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.viewer)
    old, frozen, recent = _three_documents(client)
    files = {d.pk: Path(settings.MEDIA_ROOT, str(d.file.name)) for d in (old, frozen, recent)}
    assert all(path.exists() for path in files.values())
    document_freeze(actor=people.admin, document=frozen)
    for document in (old, frozen):
        _age(document, settings.DOCUMENTS_KEEP_DAYS + 1)
    _age(recent, settings.DOCUMENTS_KEEP_DAYS - 1)

    out = io.StringIO()
    with pytest.MonkeyPatch.context():
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("documents_purge", stdout=out)
    assert "1 generated documents removed" in out.getvalue()
    assert set(GeneratedDocument.objects.values_list("pk", flat=True)) == {frozen.pk, recent.pk}
    assert not files[old.pk].exists()
    assert files[frozen.pk].exists() and files[recent.pk].exists()
    assert client.get(old.get_absolute_url()).status_code == 404
    assert client.get(frozen.file_url).status_code == 200


def test_every_render_applies_the_rule(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.viewer)
    old, *_others = _three_documents(client)
    _age(old, settings.DOCUMENTS_KEEP_DAYS + 3)
    url = reverse("reports:download", kwargs={"slug": "kalasin-immigration", "year": 2567})
    fetch_document(client, url, {"round": "12", "format": "pdf"})
    assert not GeneratedDocument.objects.filter(pk=old.pk).exists()
    assert documents_purge() == 0


def test_only_a_ready_document_can_be_frozen(people: Any, assessment: Any) -> None:
    from prongsai.documents.services import document_request
    from prongsai.organizations.access import access_for
    from prongsai.reports.document_kinds import REPORT, report_params

    queued = document_request(
        actor=people.viewer,
        access=access_for(people.viewer, assessment.unit),
        kind=REPORT,
        params=report_params(assessment, round_=6, fmt="pdf"),
    )
    with pytest.raises(DocumentError):
        document_freeze(actor=people.admin, document=queued)

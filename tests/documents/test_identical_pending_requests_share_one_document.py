"""Pressing a download button twice (or two people pressing it) while the file is being prepared
renders it once; a different request, or one made after the file was ready, renders anew (the
report is built from live data)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError
from django.test import TestCase
from django.urls import reverse

from prongsai.documents import services
from prongsai.documents.models import GeneratedDocument
from prongsai.organizations.access import access_for
from prongsai.reports.document_kinds import REPORT, report_params


def _download() -> str:
    return reverse("reports:download", kwargs={"slug": "kalasin-immigration", "year": 2567})


def test_a_pending_request_is_shared(client: Any, people: Any, assessment: Any) -> None:
    # Without running the task (no commit inside the test's transaction): the rows stay queued.
    client.force_login(people.viewer)
    first = client.post(_download(), {"round": "6", "format": "pdf"})
    client.force_login(people.editor)
    second = client.post(_download(), {"round": "6", "format": "pdf"})
    assert first["Location"] == second["Location"]
    assert GeneratedDocument.objects.count() == 1
    other = client.post(_download(), {"round": "6", "format": "docx"})
    assert other["Location"] != first["Location"]
    assert GeneratedDocument.objects.count() == 2
    assert GeneratedDocument.objects.filter(requested_by=people.viewer).count() == 1


def test_a_ready_document_is_not_handed_out_for_a_new_request(
    client: Any, people: Any, assessment: Any
) -> None:
    client.force_login(people.viewer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = client.post(_download(), {"round": "12", "format": "docx"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        second = client.post(_download(), {"round": "12", "format": "docx"})
    assert first["Location"] != second["Location"]
    assert GeneratedDocument.objects.filter(status="ready").count() == 2


def test_a_request_racing_another_app_server_shares_its_row(
    people: Any, assessment: Any, monkeypatch: Any
) -> None:
    """Two app servers insert the same request at the same moment: the partial unique
    constraint lets one row in, and the loser returns the winner's row."""
    access = access_for(people.viewer, assessment.unit)
    params = report_params(assessment, round_=6, fmt="pdf")
    winner = services.document_request(
        actor=people.viewer, access=access, kind=REPORT, params=params
    )
    monkeypatch.setattr(services, "_reusable", lambda kind, key: None)  # did not see it yet
    loser = services.document_request(
        actor=people.editor, access=access, kind=REPORT, params=params
    )
    assert loser.pk == winner.pk
    assert GeneratedDocument.objects.count() == 1


def test_the_database_refuses_two_pending_rows_for_one_request(
    people: Any, assessment: Any
) -> None:
    access = access_for(people.viewer, assessment.unit)
    document = services.document_request(
        actor=people.viewer,
        access=access,
        kind=REPORT,
        params=report_params(assessment, round_=6, fmt="pdf"),
    )
    duplicate = GeneratedDocument(
        kind=document.kind,
        params=document.params,
        request_key=document.request_key,
        unit=document.unit,
        title=document.title,
    )
    try:
        from django.db import transaction

        with transaction.atomic():
            duplicate.save()
    except IntegrityError:
        pass
    else:
        raise AssertionError("two pending rows for one request were stored")

"""Files are served by a view that checks access, with the sniffed type, ``nosniff`` and
``Content-Disposition: attachment`` (inline only for pictures and PDFs, on request)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures import services

from ..conftest import Personas
from .helpers import item, pdf_bytes, png_bytes, upload


def _file(assessment: Any, name: str, content: bytes, publish: bool = True) -> Any:
    return services.evidence_add_file(
        actor="tests",
        assessment=assessment,
        item=item(assessment, "O10"),
        upload=upload(name, content),
        publish=publish,
    ).file


def _url(stored: Any, inline: bool = False) -> str:
    url = reverse("portal:oit_file", kwargs={"stored_file_id": stored.pk})
    return url + "?inline=1" if inline else url


def test_a_published_file_downloads_as_an_attachment_for_anyone(
    client: Any, assessment: Any
) -> None:
    stored = _file(assessment, "สถิติ.csv", "เดือน,จำนวน\nต.ค.,1\n".encode())
    response = client.get(_url(stored, inline=True))  # inline is not honoured for CSV
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]  # the Thai name, encoded
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith("เดือน".encode())


def test_pictures_and_pdfs_are_inline_only_when_asked(client: Any, assessment: Any) -> None:
    picture = _file(assessment, "chart.png", png_bytes())
    document = _file(assessment, "report.pdf", pdf_bytes())
    for stored, content_type in ((picture, "image/png"), (document, "application/pdf")):
        assert client.get(_url(stored))["Content-Disposition"].startswith("attachment;")
        inline = client.get(_url(stored, inline=True))
        assert inline["Content-Type"] == content_type
        assert inline["Content-Disposition"].startswith("inline;")
        assert inline["X-Content-Type-Options"] == "nosniff"


def test_an_unpublished_file_is_hidden_from_the_public_but_not_from_the_unit(
    client: Any, people: Personas, assessment: Any
) -> None:
    stored = _file(assessment, "draft.pdf", pdf_bytes(), publish=False)
    assert client.get(_url(stored)).status_code == 404
    client.force_login(people.outsider)
    assert client.get(_url(stored)).status_code == 404
    client.force_login(people.sibling_editor)
    assert client.get(_url(stored)).status_code == 404
    for persona in (people.editor, people.evaluator, people.viewer):
        client.force_login(persona)
        response = client.get(_url(stored))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_uploads_are_not_reachable_under_media_url(client: Any, assessment: Any) -> None:
    from django.conf import settings

    stored = _file(assessment, "report.pdf", pdf_bytes())
    assert client.get(settings.MEDIA_URL + stored.storage_name).status_code == 404


def test_removing_evidence_removes_a_file_nothing_else_uses(
    assessment: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from pathlib import Path

    from django.conf import settings

    from prongsai.disclosures.models import StoredFile

    stored = _file(assessment, "report.pdf", pdf_bytes())
    path = Path(settings.MEDIA_ROOT) / stored.storage_name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(actor="tests", evidence=stored.evidence.get())
    assert not StoredFile.objects.filter(pk=stored.pk).exists()
    assert not path.exists()

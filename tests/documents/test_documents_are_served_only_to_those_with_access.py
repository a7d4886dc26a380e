"""A generated document is seen and downloaded only by those the kind's rule lets in, on the unit
it belongs to; the file always goes out as an attachment with the product's safe headers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.documents.models import GeneratedDocument

from .helpers import fetch_document


def _report(client: Any) -> GeneratedDocument:
    url = reverse("reports:download", kwargs={"slug": "kalasin-immigration", "year": 2567})
    return fetch_document(client, url, {"round": "12", "format": "docx"}).document


def _answers(client: Any) -> GeneratedDocument:
    url = reverse(
        "surveys:export_csv",
        kwargs={"slug": "kalasin-immigration", "year": 2567, "instrument": "EIT"},
    )
    return fetch_document(client, url).document


def test_the_file_carries_safe_headers(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.viewer)
    document = _report(client)
    response = client.get(document.file_url)
    assert response["Content-Disposition"] == (
        'attachment; filename="ita-report-kalasin-immigration-2567-r12.docx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert int(response["Content-Length"]) == document.size


def test_people_outside_the_unit_get_404(client: Any, people: Any, assessment: Any) -> None:
    client.force_login(people.viewer)
    document = _report(client)
    for persona in (people.outsider, people.sibling_editor):
        client.force_login(persona)
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(document.file_url).status_code == 404
    # The same id under a unit the caller does belong to is not found either.
    client.force_login(people.sibling_editor)
    foreign = reverse(
        "documents:file", kwargs={"slug": "khonkaen-immigration", "document_id": document.pk}
    )
    assert client.get(foreign).status_code == 404
    client.logout()
    assert client.get(document.file_url).status_code == 302  # to log in


def test_a_kind_for_admins_is_hidden_from_other_roles(
    client: Any, people: Any, assessment: Any
) -> None:
    client.force_login(people.admin)
    answers = _answers(client)
    report = _report(client)
    listing = client.get(reverse("documents:list", kwargs={"slug": "kalasin-immigration"}))
    assert answers.title in listing.content.decode()
    client.force_login(people.viewer)
    assert client.get(answers.get_absolute_url()).status_code == 404
    assert client.get(answers.file_url).status_code == 404
    assert client.get(report.file_url).status_code == 200
    listing = client.get(reverse("documents:list", kwargs={"slug": "kalasin-immigration"}))
    html = listing.content.decode()
    assert report.get_absolute_url() in html and answers.get_absolute_url() not in html

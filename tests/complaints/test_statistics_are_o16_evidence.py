"""The statistics as O16 evidence: handlers make the PDF through the generated-document model
(rendered by the task, Thai, suppressed like the page); editors attach the channel and statistics
links to the year's item O16, once."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures.models import Evidence
from prongsai.documents.models import GeneratedDocument

from ..conftest import Personas, Tree
from ..documents.helpers import fetch_document
from .helpers import make_case


def test_a_handler_makes_the_statistics_pdf(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    make_case(tree.unit)
    client.force_login(people.handler)
    url = reverse("complaints:statistics_document", kwargs={"slug": tree.unit.slug})
    fetched = fetch_document(client, url, {"year": "2567"})
    assert fetched.content.startswith(b"%PDF")
    assert fetched.document.kind == "complaints.statistics"
    assert "attachment" in fetched.response["Content-Disposition"]


def test_a_bad_year_makes_no_document(tree: Tree, people: Personas, client: Any) -> None:
    client.force_login(people.handler)
    url = reverse("complaints:statistics_document", kwargs={"slug": tree.unit.slug})
    for year in ("", "abc", "99999", "2567.5"):
        assert client.post(url, {"year": year}).status_code == 302
    assert not GeneratedDocument.objects.exists()


def test_an_editor_attaches_the_links_to_item_o16_once(
    tree: Tree, people: Personas, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    url = reverse("complaints:o16_attach", kwargs={"slug": tree.unit.slug, "year": 2567})
    page = reverse("complaints:statistics", kwargs={"slug": tree.unit.slug}) + "?year=2567"
    assert 'data-testid="attach-o16"' not in client.get(page).content.decode()
    client.force_login(people.editor)
    assert 'data-testid="attach-o16"' in client.get(page).content.decode()
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # again: nothing added twice
    links = Evidence.objects.filter(work__assessment=assessment, work__item__code="O16")
    assert links.count() == 2
    assert {e.url for e in links} == {
        "https://ita.example.go.th/p/kalasin-immigration/complaints/",
        "https://ita.example.go.th/p/kalasin-immigration/complaints/statistics/?year=2567",
    }
    assert all(e.is_published for e in links)
    public = client.get(
        reverse("portal:oit_item", kwargs={"slug": tree.unit.slug, "year": 2567, "code": "O16"})
    )
    assert "/complaints/statistics/?year=2567" in public.content.decode()


def test_a_viewer_cannot_attach(tree: Tree, people: Personas, assessment: Any, client: Any) -> None:
    client.force_login(people.viewer)
    url = reverse("complaints:o16_attach", kwargs={"slug": tree.unit.slug, "year": 2567})
    assert client.post(url).status_code == 403
    assert not Evidence.objects.exists()

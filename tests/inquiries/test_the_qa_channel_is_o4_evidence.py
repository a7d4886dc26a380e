"""The Q&A channel as O4 evidence: an editor attaches the public Q&A page and the form to ask
or give feedback to the year's item O4 in one click, once; they show on the public item page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures.models import Evidence

from ..conftest import Personas, Tree


def test_an_editor_attaches_the_qa_links_to_item_o4_once(
    tree: Tree, people: Personas, assessment: Any, client: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    client.force_login(people.editor)
    staff = client.get(reverse("inquiries:staff", kwargs={"slug": tree.unit.slug})).content
    url = reverse("inquiries:o4_attach", kwargs={"slug": tree.unit.slug, "year": 2567})
    assert url in staff.decode()
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # again: nothing added twice
    links = Evidence.objects.filter(work__assessment=assessment, work__item__code="O4")
    assert {e.url for e in links} == {
        "https://ita.example.go.th/p/kalasin-immigration/questions/",
        "https://ita.example.go.th/p/kalasin-immigration/questions/ask/",
    }
    assert all(e.is_published for e in links)
    public = client.get(
        reverse("portal:oit_item", kwargs={"slug": tree.unit.slug, "year": 2567, "code": "O4"})
    )
    assert "/p/kalasin-immigration/questions/ask/" in public.content.decode()


def test_a_viewer_cannot_attach(tree: Tree, people: Personas, assessment: Any, client: Any) -> None:
    client.force_login(people.viewer)
    url = reverse("inquiries:o4_attach", kwargs={"slug": tree.unit.slug, "year": 2567})
    assert client.post(url).status_code == 403
    assert not Evidence.objects.exists()


def test_a_year_without_an_assessment_is_not_found(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    url = reverse("inquiries:o4_attach", kwargs={"slug": tree.unit.slug, "year": 2590})
    assert client.post(url).status_code == 404

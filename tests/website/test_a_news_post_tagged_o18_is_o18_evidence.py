"""A post about the head's anti-corruption activities is O18 evidence (its date as the period);
a performance post is O5's; a post can also name other items; unpublishing takes the link off."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from prongsai.disclosures.models import Evidence
from prongsai.website.models import NewsPost

from ..conftest import Personas, Tree
from .helpers import jpeg


def _post(client: Any, slug: str, **data: Any) -> NewsPost:
    fields = {
        "title": "ผู้กำกับประกาศเจตนารมณ์ต่อต้านการทุจริต",
        "summary": "พิธีประกาศเจตนารมณ์",
        "body": "ผู้บริหารและข้าราชการร่วมประกาศเจตนารมณ์การต่อต้านการทุจริตคอร์รัปชัน",
        "category": "anti-corruption",
        "published_on": "2024-01-15",
        "is_published": "on",
        **data,
    }
    response = client.post(reverse("website:news_new", kwargs={"slug": slug}), fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPost.objects.latest("created_at")


def test_a_news_post_tagged_o18_appears_as_o18_evidence(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    slug = tree.unit.slug
    client.force_login(people.editor)
    post = _post(client, slug, photo=jpeg(), photo_alt="ผู้กำกับกล่าวประกาศเจตนารมณ์", items="O23")
    o18 = Evidence.objects.get(work__assessment=assessment, work__item__code="O18")
    assert o18.url == f"https://ita.example.go.th/p/{slug}/news/{post.pk}/"
    assert (o18.period_start, o18.period_end) == (dt.date(2024, 1, 15), dt.date(2024, 1, 15))
    assert Evidence.objects.filter(work__assessment=assessment, work__item__code="O23").exists()
    item_page = client.get(
        reverse("portal:oit_item", kwargs={"slug": slug, "year": 2567, "code": "O18"})
    ).content.decode()
    assert f"/news/{post.pk}/" in item_page

    client.post(
        reverse("website:news_edit", kwargs={"slug": slug, "post_id": post.pk}),
        {
            "title": post.title,
            "body": post.body,
            "category": "performance",
            "published_on": "2024-01-15",
            "is_published": "on",
        },
    )
    assert not Evidence.objects.filter(work__item__code__in=["O18", "O23"]).exists()
    assert Evidence.objects.filter(work__item__code="O5", url=o18.url).exists()

    client.post(
        reverse("website:news_edit", kwargs={"slug": slug, "post_id": post.pk}),
        {
            "title": post.title,
            "body": post.body,
            "category": "performance",
            "published_on": "2024-01-15",
        },
    )
    assert not Evidence.objects.filter(url=o18.url).exists()
    client.logout()
    assert client.get(f"/p/{slug}/news/{post.pk}/").status_code == 404


def test_a_post_has_share_links_open_graph_and_a_feed_entry(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    slug = tree.unit.slug
    client.force_login(people.editor)
    post = _post(client, slug, photo=jpeg())
    client.logout()
    page = client.get(f"/p/{slug}/news/{post.pk}/")
    html = page.content.decode()
    assert '<meta property="og:title" content="ผู้กำกับประกาศเจตนารมณ์ต่อต้านการทุจริต">' in html
    assert 'property="og:image"' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fita.example.go.th" in html
    assert "https://social-plugins.line.me/lineit/share?url=" in html
    assert "<script" not in html  # an anonymous visitor gets no JavaScript
    feed = client.get(f"/p/{slug}/news/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert f"https://ita.example.go.th/p/{slug}/news/{post.pk}/" in body
    assert "<published>2024-01-15T00:00:00+07:00</published>" in body

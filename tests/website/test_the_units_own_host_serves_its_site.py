"""A unit's own host name (a database row, no settings change) serves its home at ``/`` and its
OIT pages without the ``/p/<unit>`` prefix; forms on it pass the CSRF origin check; an unknown host
is refused; ``ita_links`` prints URLs on the unit's host; sitemap.xml and robots.txt per host."""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from prongsai.website import services

from ..conftest import Personas, Tree

HOST = "www.kalasin-immigration.go.th"


def sitemap_urls(client: Any, host: str | None = None) -> str:
    """The ``<loc>`` lines of every page of the host's sitemap (``/sitemap.xml`` is the index)."""
    extra = {"HTTP_HOST": host} if host else {}
    index = client.get("/sitemap.xml", **extra).content.decode()
    assert index.startswith("<?xml") and "<sitemapindex" in index
    pages = re.findall(r"<sitemap><loc>([^<]+)</loc></sitemap>", index)
    assert pages
    out = []
    for url in pages:
        parts = urlsplit(url.replace("&amp;", "&"))
        page = client.get(parts.path, dict(parse_qsl(parts.query)), **extra)
        assert page.status_code == 200, url
        out.append(page.content.decode())
    return "\n".join(out)


def _host(tree: Tree, people: Personas) -> None:
    services.host_add(actor=people.admin, unit=tree.unit, host=HOST.upper())


def test_the_units_host_serves_its_home_at_the_root(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    _host(tree, people)
    home = client.get("/", HTTP_HOST=HOST)
    assert home.status_code == 200
    assert "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in home.content.decode()
    assert (
        'data-testid="public-period"'
        in client.get("/2567/oit/O1/", HTTP_HOST=HOST).content.decode()
    )
    assert client.get("/2567/oit/", HTTP_HOST=HOST).status_code == 200
    assert client.get("/news/", HTTP_HOST=HOST).status_code == 200
    # the main site is unchanged
    assert client.get("/").status_code == 200
    assert "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" not in client.get("/").content.decode()


def test_an_unknown_host_is_refused(tree: Tree, people: Personas, client: Any) -> None:
    _host(tree, people)
    assert client.get("/", HTTP_HOST="evil.example.com").status_code == 400
    assert client.get(f"/p/{tree.unit.slug}/", HTTP_HOST="evil.example.com").status_code == 400


def test_a_removed_host_is_refused_at_once(tree: Tree, people: Personas, client: Any) -> None:
    _host(tree, people)
    assert client.get("/", HTTP_HOST=HOST).status_code == 200
    services.host_delete(actor=people.admin, record=tree.unit.site_hosts.get())
    assert client.get("/", HTTP_HOST=HOST).status_code == 400


def test_a_form_on_the_units_host_passes_the_csrf_origin_check(
    tree: Tree, people: Personas, assessment: Any
) -> None:
    _host(tree, people)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(f"/p/{tree.unit.slug}/questions/ask/", HTTP_HOST=HOST)
    assert page.status_code == 200
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_HOST=HOST,
        HTTP_ORIGIN=f"http://{HOST}",
    )
    assert response.status_code == 302
    refused = browser.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_HOST=HOST,
        HTTP_ORIGIN="http://evil.example.com",
    )
    assert refused.status_code == 403


def test_ita_links_prints_urls_on_the_units_host(
    tree: Tree, people: Personas, assessment: Any
) -> None:
    _host(tree, people)
    out = io.StringIO()
    call_command("ita_links", unit=tree.unit.slug, year=2567, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"O1\thttps://{HOST}/2567/oit/O1/"


def test_sitemap_and_robots_per_host(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    _host(tree, people)
    post = services.news_save(
        actor=people.editor,
        unit=tree.unit,
        title="ข่าว",
        summary="",
        body="ข่าว",
        category="ita",
        published_on=assessment.created_at.date(),
    )
    services.law_add(actor=people.editor, unit=tree.unit, title="พ.ร.บ.คนเข้าเมือง")
    own = sitemap_urls(client, HOST)
    expected = [
        f"https://{HOST}/",
        f"https://{HOST}/about/laws/",
        f"https://{HOST}/news/",
        f"https://{HOST}/news/{post.pk}/",
        f"https://{HOST}/search/",
        f"https://{HOST}/complaints/",
        f"https://{HOST}/questions/",
        f"https://{HOST}/2567/oit/",
    ] + [f"https://{HOST}/2567/oit/O{n}/" for n in range(1, 25)]
    for url in expected:
        assert f"<loc>{url}</loc>" in own, url
    assert own.count("<loc>") == len(expected)
    assert "khonkaen" not in own
    for url in expected:  # every page listed opens on the host
        path = url.removeprefix(f"https://{HOST}")
        assert client.get(path, HTTP_HOST=HOST).status_code == 200, path
    main = sitemap_urls(client)
    assert f"<loc>https://{HOST}/</loc>" in main  # the unit's pages are listed on its host
    assert f"<loc>https://ita.example.go.th/p/{tree.sibling.slug}/</loc>" in main
    robots = client.get("/robots.txt", HTTP_HOST=HOST).content.decode()
    assert "Disallow: /u/" in robots and "Sitemap: " in robots

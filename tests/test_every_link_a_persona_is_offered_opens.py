"""A first hour without dead ends: each demo persona logs in (second factor included) and follows
every same-site link on every page it can reach (and so does an anonymous visitor from a unit's
public pages); every link answers 200, and no absolute link
points to a port other than the one served (``make demo PORT=8101``, ``SITE_URL`` unset).

GET only, breadth first from the home page. URLs are grouped by their route (and query keys): per
persona, at most ``CHECK_PER_ROUTE`` of each group are opened and the links of the first
``CRAWL_PER_ROUTE`` followed, so the crawl stays bounded while reaching every kind of page. Static files are checked against the static finders; Django
admin's own pages are opened but not crawled further.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import Resolver404, resolve

from prongsai.demo.base import USERS

from .full_demo import SERVED as FULL_DEMO_SERVED
from .second_factor import TwoFactorClient

SERVED_HOST = "127.0.0.1:8101"
ANONYMOUS = "(anonymous)"
PERSONAS = [username for username, *_ in USERS] + ["platform-admin", ANONYMOUS]
PUBLIC_UNIT = "kalasin-immigration/2567"
CHECK_PER_ROUTE = 6  # pages opened per route and persona
CRAWL_PER_ROUTE = 3  # of which their links are followed
MAX_PAGES = 500  # per persona, a safety bound
LOCAL_LINK = re.compile(r"https?://(?:127\.0\.0\.1|localhost|testserver)(?::\d+)?(?=[/\"'<\s])")
LINK_ATTRIBUTES = {("a", "href"), ("iframe", "src"), ("img", "src"), ("script", "src")}
LINK_ATTRIBUTES |= {("link", "href"), ("source", "src")}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value and (tag, name) in LINK_ATTRIBUTES:
                self.found.append(value)
        if tag == "form" and (values.get("method") or "get").lower() == "get":
            action = values.get("action")
            if action:
                self.found.append(action)


@dataclass
class Crawl:
    username: str
    client: TwoFactorClient
    problems: list[str] = field(default_factory=list)
    per_route: Counter[str] = field(default_factory=Counter)
    seen: set[str] = field(default_factory=set)
    opened: int = 0


def _route_key(path: str, query: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    keys = ",".join(sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)}))
    return f"{match.route}?{keys}"


def _same_site(raw: str, base_path: str) -> str | None:
    """The link as a local path with query, or None when it leaves the site."""
    url, _ = urldefrag(raw.strip())
    if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.netloc != SERVED_HOST:
            return None
        url = parts.path + (f"?{parts.query}" if parts.query else "")
    elif not url.startswith("/"):
        folder = base_path.rsplit("/", 1)[0]
        url = f"{folder}/{url}" if not url.startswith("?") else base_path + url
    return url


def _check_absolute_links(crawl: Crawl, page: str, text: str) -> None:
    for link in set(LOCAL_LINK.findall(text)):
        if urlsplit(link).netloc != SERVED_HOST:
            crawl.problems.append(
                f"{crawl.username}: {page} has a link to {link} (not {SERVED_HOST})"
            )


def _open(crawl: Crawl, url: str, via: str) -> Any:
    response = crawl.client.get(url)
    hops = 0
    while response.status_code in (301, 302, 303, 307) and hops < 3:
        location = response["Location"]
        if urlsplit(location).netloc not in ("", SERVED_HOST) or "/accounts/login/" in location:
            break
        response = crawl.client.get(location)
        hops += 1
    if response.status_code != 200:
        crawl.problems.append(
            f"{crawl.username}: {via} offers {url}, which answers {response.status_code}"
        )
        return None
    return response


def _crawl(username: str) -> Crawl:
    client = TwoFactorClient(HTTP_HOST=SERVED_HOST)
    starts = ["/"]
    if username == ANONYMOUS:  # the public: a unit's OIT pages and its EIT survey
        starts += [f"/p/{PUBLIC_UNIT}/oit/", f"/s/{PUBLIC_UNIT}/eit/"]
    else:
        client.force_login(get_user_model().objects.get(username=username))
    crawl = Crawl(username, client)
    queue: deque[tuple[str, str]] = deque((start, "(start)") for start in starts)
    while queue and crawl.opened < MAX_PAGES:
        url, via = queue.popleft()
        if url in crawl.seen:
            continue
        crawl.seen.add(url)
        path, _, query = url.partition("?")
        if path.startswith(settings.STATIC_URL):
            name = path[len(settings.STATIC_URL) :]
            if not finders.find(name):
                crawl.problems.append(f"{username}: {via} loads {url}, which does not exist")
            continue
        key = _route_key(path, query)
        if key is None:
            crawl.problems.append(f"{username}: {via} offers {url}, which no route answers")
            continue
        if crawl.per_route[key] >= CHECK_PER_ROUTE:
            continue
        crawl.per_route[key] += 1
        follow = crawl.per_route[key] <= CRAWL_PER_ROUTE
        crawl.opened += 1
        response = _open(crawl, url, via)
        if response is None or not response.get("Content-Type", "").startswith("text/html"):
            continue
        text = response.content.decode()
        _check_absolute_links(crawl, url, text)
        if path.startswith("/admin/") or not follow:
            continue  # Django's own pages: opened, not crawled
        parser = Links()
        parser.feed(text)
        for raw in parser.found:
            link = _same_site(raw, path)
            if link is not None and link not in crawl.seen:
                queue.append((link, url))
    return crawl


@pytest.fixture
def demo(full_demo: Any, db: None, settings: Any) -> None:
    # As ``make demo`` loads it (once for the run: tests/full_demo.py): the load commits
    # (published documents render then) and mints its absolute links (published documents'
    # evidence) on the address it will be served on.
    assert f"http://{SERVED_HOST}" == FULL_DEMO_SERVED
    settings.DEBUG = False
    settings.SITE_URL = ""  # as in `make demo`: links follow the address served


def test_every_link_each_demo_persona_is_offered_opens(demo: None) -> None:
    problems: list[str] = []
    opened = Counter[str]()
    links = 0
    for username in PERSONAS:
        crawl = _crawl(username)
        problems += crawl.problems
        opened[username] = crawl.opened
        links += len(crawl.seen)
    print("distinct links met:", links, "pages opened per persona:", dict(opened))  # noqa: T201
    # Everyone reaches more than the home page; people with a unit reach its pages.
    assert all(count >= 3 for count in opened.values()), opened
    assert opened["kalasin-admin"] >= 40, opened
    assert problems == [], "\n".join(sorted(set(problems)))

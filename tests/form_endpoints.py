"""Every form endpoint of the product, found the way a user finds them: on its pages.

Each routed page (tests/test_route_access.py's enumeration, real keyword values from
tests/route_values.py) is opened as the personas of tests/conftest.py, in their order; every
``<form>`` on it is read (its method and action, and each field's name, kind, default value and
options). An endpoint is a form's method and action with its fields and the first persona that
was shown it: someone who may use it. Routes that only answer POST (GET → 405) and appear on no page are
endpoints too, with no known fields, for the first persona they do not turn away. Nothing here
knows an app: a form added tomorrow is found tomorrow.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

from .second_factor import TwoFactorClient
from .test_route_access import APP_ROUTES, _url


@dataclass
class FormField:
    name: str
    kind: str  # text, textarea, select, checkbox, radio, file, hidden, submit, date, number …
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Endpoint:
    url: str
    route: str
    persona: str | None  # None: anonymous
    fields: dict[str, FormField]
    multipart: bool
    method: str = "post"

    @property
    def label(self) -> str:
        shown = f"{self.route} as {self.persona or 'anonymous'} ({len(self.fields)} fields)"
        return shown if self.method == "post" else f"{shown}, GET"


@dataclass
class _Form:
    action: str
    method: str
    multipart: bool
    fields: dict[str, FormField] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[_Form] = []
        self._form: _Form | None = None
        self._select: FormField | None = None
        self._textarea: FormField | None = None
        self._option: str | None = None

    def _add(self, item: FormField) -> None:
        assert self._form is not None
        known = self._form.fields.get(item.name)
        if known is None:
            self._form.fields[item.name] = item
            return
        # Radio groups, checkbox lists and several submit buttons share one name.
        for option in [item.value, *item.options]:
            if option not in known.options:
                known.options.append(option)
        if item.kind == "checkbox":
            known.multiple = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = _Form(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option = a.get("value", "")
                if "value" in a:
                    self._select.options.append(self._option)
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            options = [value] if kind in ("radio", "checkbox", "submit") else []
            self._add(FormField(name, kind, value if kind != "radio" else "", options))
        elif tag == "button":
            self._add(FormField(name, "submit", a.get("value", ""), [a.get("value", "")]))
        elif tag == "select":
            self._select = FormField(name, "select", multiple="multiple" in a)
            self._add(self._select)
        elif tag == "textarea":
            self._textarea = FormField(name, "textarea")
            self._add(self._textarea)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option":
            self._option = None


def _forms(html: str, page_url: str) -> list[_Form]:
    parser = _FormParser()
    parser.feed(html)
    forms = [f for f in parser.forms if f.method in ("get", "post")]
    for form in forms:
        form.action = urlsplit(urljoin(page_url, form.action or page_url)).path
    return forms


def _route_name(url: str) -> str | None:
    try:
        match = resolve(url)
    except Resolver404:
        return None
    return match.view_name


def _personas(world: Any) -> list[tuple[str, Any]]:
    return [(f.name, getattr(world.people, f.name)) for f in dataclasses.fields(world.people)]


def discover(world: Any) -> list[Endpoint]:
    """The product's form endpoints, each with a persona who may use it."""
    clients: list[tuple[str | None, Client]] = []
    client: Client
    for name, user in _personas(world):
        client = TwoFactorClient()
        client.force_login(user)  # with the second factor, for the roles that need one
        clients.append((name, client))
    clients.append((None, Client()))

    endpoints: dict[tuple[str, tuple[str, ...]], Endpoint] = {}  # (method route, field names)
    post_only: list[str] = []
    for route in APP_ROUTES:
        url = _url(route, world)
        for persona, client in clients:
            response = client.get(url)
            if response.status_code == 405:
                post_only.append(url)
                break
            if response.status_code != 200:
                continue
            # The first persona shown the page reads its forms (a form only another role sees
            # is on a page of its own: that page's first persona is that role).
            if "html" not in response.get("Content-Type", ""):
                break
            for form in _forms(response.content.decode(), url):
                route_name = _route_name(form.action)
                if route_name is None or route_name.startswith("admin:"):
                    continue
                key = (f"{form.method} {route_name}", tuple(sorted(form.fields)))
                if key not in endpoints:
                    endpoints[key] = Endpoint(
                        form.action,
                        route_name,
                        persona,
                        dict(form.fields),
                        form.multipart,
                        form.method,
                    )
            break
    seen_routes = {e.route for e in endpoints.values() if e.method == "post"}
    for url in post_only:
        if _route_name(url) in seen_routes:
            continue
        for persona, client in clients:
            if client.post(url).status_code not in (403, 404):
                route_name = _route_name(url) or url
                endpoints[(f"post {route_name}", ())] = Endpoint(
                    url, route_name, persona, {}, False
                )
                break
    return sorted(endpoints.values(), key=lambda e: (e.route, len(e.fields)))

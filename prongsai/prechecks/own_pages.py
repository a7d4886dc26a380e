"""The product's own public pages and files, read in this process rather than over the network.

Evidence the product generates is often attached as a link to its own public address: the
complaint statistics and channel pages of O16, the Q&A page of O4, the published documents of
O6 and O10–O14 (``/p/<unit>/<year>/data/…``). Fetching those through the network would loop
back to this server — and when the site runs on a loopback or private address (the demo, a
unit's server inside its office network), the fetching rules refuse them outright as an
internal address, so the unit's own generated evidence failed the check.

A link is the product's own when it lies under the unit's public pages on this site's address
(``SITE_URL`` or the address the check was asked from), on the unit's own host name, or on a
host this site answers to (``ALLOWED_HOSTS``, wildcards aside) under ``/p/<unit>/``. Such a link
is answered by Django itself — the whole middleware chain, as an anonymous visitor with no
cookies, ``GET`` only — so the check sees exactly what an evaluator opening it would see (a
missing period is still a 404), and nothing leaves the process.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import SplitResult, unquote_to_bytes, urljoin, urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http.request import validate_host
from django.urls import set_urlconf
from django.utils import translation

from prongsai.core.site import absolute_url, unit_public_url

from . import fetching


def own_prefixes(unit_slug: str) -> tuple[str, ...]:
    """The addresses under which the unit's public pages are this product's."""
    path = f"/p/{unit_slug}/"
    return tuple(dict.fromkeys([absolute_url(path), unit_public_url(unit_slug, path)]))


def is_own(url: str, unit_slug: str, prefixes: Sequence[str]) -> bool:
    if any(url.startswith(prefix) for prefix in prefixes):
        return True
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return False
    hosts = [h for h in settings.ALLOWED_HOSTS if h != "*"]
    return (
        parts.scheme in ("http", "https")
        and parts.path.startswith(f"/p/{unit_slug}/")
        and bool(host)
        and validate_host(host, hosts)
    )


def _environ(parts: SplitResult, user_agent: str) -> dict[str, Any]:
    https = parts.scheme == "https"
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(parts.path or "/").decode("iso-8859-1"),
        "QUERY_STRING": parts.query,
        "SERVER_NAME": parts.hostname or "",
        "SERVER_PORT": str(parts.port or (443 if https else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": parts.netloc,
        "HTTP_USER_AGENT": user_agent,
        "HTTP_ACCEPT_LANGUAGE": "th",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": parts.scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if https and proxy_header:
        environ[proxy_header[0]] = proxy_header[1]
    return environ


class OwnPages:
    """Answers the product's own URLs through Django's handler (built once per check)."""

    def __init__(self, policy: fetching.FetchPolicy) -> None:
        self.policy = policy
        self.handler = BaseHandler()
        self.handler.load_middleware()

    def _get(self, url: str) -> tuple[int, str, bytes, str]:
        """(status, content type, body up to the size cap, Location)."""
        request = WSGIRequest(_environ(urlsplit(url), self.policy.user_agent))
        # The request activates its language and URLconf in this thread (a unit's own host has
        # its own); what the check does next (its mails, its links) must not inherit them.
        with translation.override(translation.get_language()):
            try:
                response = self.handler.get_response(request)
            finally:
                set_urlconf(None)
        try:
            if response.streaming:
                chunks: list[bytes] = []
                size = 0
                for chunk in response.streaming_content:  # type: ignore[attr-defined]
                    piece = bytes(chunk)
                    chunks.append(piece)
                    size += len(piece)
                    if size > self.policy.max_bytes:
                        break
                body = b"".join(chunks)
            else:
                body = getattr(response, "content", b"")
            return (
                response.status_code,
                response.get("Content-Type", ""),
                body,
                response.get("Location", ""),
            )
        finally:
            # Closing a response sends ``request_finished``, whose receiver closes a database
            # connection that is inside a transaction (the check's, the demo's step): off for the
            # close, as Django's own in-process test client does.
            request_finished.disconnect(close_old_connections)
            try:
                response.close()
            finally:
                request_finished.connect(close_old_connections)

    def read(self, url: str, unit_slug: str, prefixes: Sequence[str]) -> fetching.Fetched:
        started = time.monotonic()
        current, redirects = url, 0
        while True:
            status, content_type, body, location = self._get(current)
            if status not in fetching.REDIRECT_STATUSES or not location:
                break
            target = urljoin(current, location)
            if not is_own(target, unit_slug, prefixes):
                break  # reported as the redirect it is
            if redirects >= self.policy.max_redirects:
                return fetching.Fetched(
                    url=url,
                    final_url=current,
                    error=fetching.REDIRECTS,
                    redirects=redirects,
                    in_product=True,
                )
            current, redirects = target, redirects + 1
        if len(body) > self.policy.max_bytes:
            return fetching.Fetched(
                url=url, final_url=current, status=status, error=fetching.TOO_LARGE, in_product=True
            )
        return fetching.Fetched(
            url=url,
            final_url=current,
            status=status,
            content_type=content_type,
            body=body,
            redirects=redirects,
            seconds=time.monotonic() - started,
            in_product=True,
        )

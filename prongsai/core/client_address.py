"""The client's address, for every rate limit, lock-out (surveys, log-in via django-axes) and the
access log (config/gunicorn_logging.py).

Behind ``BEHIND_PROXY`` = N trusted reverse proxies, each proxy appends the address it received
the request from to ``X-Forwarded-For``: the client is the N-th entry from the right (entries
further left were written by the client itself and are not trusted). A request with fewer
entries did not come through the proxies as configured: its direct peer (``REMOTE_ADDR``) is
used. With 0 (no proxy) the header is ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

MAX_LENGTH = 64


def address_from(remote_addr: str, forwarded: str, hops: int) -> str:
    """The client among ``forwarded`` (an X-Forwarded-For value) behind ``hops`` proxies."""
    if hops > 0:
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if len(entries) >= hops:
            return entries[-hops][:MAX_LENGTH]
    return remote_addr[:MAX_LENGTH]


def client_address(request: HttpRequest) -> str:
    """The address that counts for ``request``."""
    return address_from(
        str(request.META.get("REMOTE_ADDR", "")),
        str(request.META.get("HTTP_X_FORWARDED_FOR", "")),
        int(settings.BEHIND_PROXY),
    )

"""The site's absolute address: the one helper behind every absolute link the product builds
(links printed for the ITA system, survey QR codes, code slips, posters, report appendices,
mails).

``SITE_URL`` wins when it is set. When it is not, the address is the one the request came in on
(scheme, host and port, the host checked against ``ALLOWED_HOSTS``): ``make demo PORT=8101``
prints links to port 8101. :class:`SiteUrlMiddleware` makes it current for each request; work
done later without a request (a generated document rendered by the task worker, a mail
delivered by a task) carries the address it was asked from and renders inside
:func:`site_base_override`. Commands run from a shell (cron) have neither and use
:data:`FALLBACK` — set ``SITE_URL`` in production.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FALLBACK = "http://127.0.0.1:8000"

_current: ContextVar[str] = ContextVar("prongsai_site_base", default="")


def request_base(request: HttpRequest) -> str:
    """The base URL of ``request`` (``SITE_URL`` when set): ``http://127.0.0.1:8101``."""
    if settings.SITE_URL:
        return str(settings.SITE_URL)
    return f"{request.scheme}://{request.get_host()}"


def site_base() -> str:
    """The base URL for absolute links now, without a trailing slash."""
    if settings.SITE_URL:
        return str(settings.SITE_URL)
    return _current.get() or FALLBACK


def site_to_keep() -> str:
    """What work done later (a document render, a mail delivery) must keep to build its links
    as now: the current address when ``SITE_URL`` is not set, else nothing ("")."""
    return "" if settings.SITE_URL else site_base()


def absolute_url(path: str) -> str:
    """``path`` (``/p/…``, from ``reverse``) as an absolute URL on this site."""
    return site_base() + path


@contextmanager
def site_base_override(base: str) -> Iterator[None]:
    """Build absolute links on ``base`` (the address a document or mail was asked from)
    within the block; an empty ``base`` leaves the current one."""
    token = _current.set(base.rstrip("/") or _current.get())
    try:
        yield
    finally:
        _current.reset(token)


class SiteUrlMiddleware:
    """Make the request's own address current while it is handled (after CommonMiddleware,
    which has already refused a host outside ``ALLOWED_HOSTS``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with site_base_override(request_base(request)):
            return self.get_response(request)


# A higher app (the unit website) may serve a unit's public pages on the unit's own host name:
# it registers a hook giving the absolute URL of a unit's public path there (None: not on one).
_unit_site_hooks: list[Callable[[str, str], str | None]] = []


def register_unit_site(hook: Callable[[str, str], str | None]) -> None:
    if hook not in _unit_site_hooks:
        _unit_site_hooks.append(hook)


def unit_public_url(unit_slug: str, path: str) -> str:
    """``path`` (a unit's public page, ``/p/<slug>/…``) as an absolute URL: on the unit's own
    host name when it has one, else on this site."""
    for hook in _unit_site_hooks:
        url = hook(unit_slug, path)
        if url:
            return url
    return absolute_url(path)

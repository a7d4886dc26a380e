"""Stored public pages for anonymous visitors (issue 13: "cached page fragments invalidated on
publish").

A unit's public page (its home, profile pages, news, OIT index and item pages) costs 20–30 ms of
CPU to build (queries, template rendering); under 50 concurrent visitors the requests queue. The
page as rendered for an anonymous visitor is stored in the database (:class:`RenderedPage`, shared
by every app server) under the unit's public version (:class:`PublicVersion`, one row per unit).
Every change to what those pages show bumps the version in the same transaction
(:func:`watch` connects ``post_save``/``pre_delete`` of each model that feeds them;
:func:`bump` is also called by services that write with ``update()``), so a stored page is never
served after the change, on any server.

Nothing personal is stored: only ``GET``/``HEAD`` without a query string, from a visitor who is
not logged in and has no pending message, answered 200 without a cookie; the CSRF token of the
language form is stored as a placeholder and filled with the visitor's own token on each request.
The key is the host (a unit's own domain prints other links), the path, the language, the day
(the EIT survey box depends on the date) and the latest published audit anchor (every public
footer shows it; it is a file, not a row, so no signal bumps the version).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_delete
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from prongsai.core.audit_anchor import latest_anchor
from prongsai.organizations.models import Unit

from .models import PublicVersion, RenderedPage

PLACEHOLDER = "\ue000csrf-token\ue000"  # a private-use character: never in a page
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def bump(unit_id: Any, *, create: bool = True) -> None:
    """Invalidate every stored page of the unit (call inside the writing transaction). Without
    a version row nothing is stored yet; ``create`` makes one anyway (a reader may be creating it
    at this moment), except while rows are being deleted (the unit itself may be going)."""
    if unit_id is None:
        return
    if PublicVersion.objects.filter(unit_id=unit_id).update(number=F("number") + 1) or not create:
        return
    try:
        with transaction.atomic():
            PublicVersion.objects.create(unit_id=unit_id, number=1)
    except IntegrityError:  # created at the same moment by a reader
        PublicVersion.objects.filter(unit_id=unit_id).update(number=F("number") + 1)


def bump_all() -> None:
    """A change that every unit's pages show (a framework's wording)."""
    PublicVersion.objects.update(number=F("number") + 1)


def _unit_id_of(instance: models.Model, path: str) -> Any:
    value: Any = instance
    for attribute in path.split("."):
        value = getattr(value, attribute, None)
        if value is None:
            return None
    return value


def watch(model: type[models.Model], unit_path: str | None) -> None:
    """Bump the unit's version when a ``model`` row is saved or deleted; ``unit_path`` is the
    attribute path from a row to its unit's id (``"unit_id"``, ``"work.assessment.unit_id"``),
    ``None`` for rows every unit's pages show (a framework's items)."""

    def changed(sender: Any, instance: models.Model, *, deleting: bool, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return
        try:
            unit_id = _unit_id_of(instance, unit_path) if unit_path else None
        except models.ObjectDoesNotExist:
            unit_id = None
        if unit_id is None:
            bump_all()  # cannot tell whose: invalidate everyone's rather than serve a stale page
        else:
            bump(unit_id, create=not deleting)

    def saved(sender: Any, instance: models.Model, **kwargs: Any) -> None:
        changed(sender, instance, deleting=False, **kwargs)

    def deleted(sender: Any, instance: models.Model, **kwargs: Any) -> None:
        changed(sender, instance, deleting=True, **kwargs)

    uid = f"portal.pagecache:{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid + ":save")
    pre_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid + ":delete")


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not len(get_messages(request))


def _lookup(slug: str, key: str) -> tuple[Any, int, str | None, str | None] | None:
    """The unit's id and public version, with the stored page of ``key`` under that version
    (``None``, ``None`` when there is none): one query, no ORM overhead (this is the whole cost of
    a stored page). ``None`` when the unit has no version row yet (it is created) or no such
    active unit exists (the view answers 404)."""
    version, page, unit = (
        PublicVersion._meta.db_table,
        RenderedPage._meta.db_table,
        Unit._meta.db_table,
    )
    sql = (
        f"SELECT v.unit_id, v.number, p.html, p.content_type FROM {version} v "  # noqa: S608
        f"JOIN {unit} u ON u.id = v.unit_id "
        f"LEFT JOIN {page} p ON p.unit_id = v.unit_id AND p.version = v.number AND p.key = %s "
        "WHERE u.slug = %s AND u.is_active"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, slug])
        row = cursor.fetchone()
    if row is not None:
        return (row[0], int(row[1]), row[2], row[3])
    unit_id = Unit.objects.filter(slug=slug, is_active=True).values_list("pk", flat=True).first()
    if unit_id is not None:
        try:
            with transaction.atomic():
                PublicVersion.objects.get_or_create(unit_id=unit_id)
        except IntegrityError:
            pass
    return None  # this request renders; the next one may store


def _key(request: HttpRequest) -> str:
    anchor = latest_anchor()  # the footer shows the latest published audit anchor (a file)
    parts = [
        request.get_host(),
        request.path,
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        f"{anchor.seq}:{anchor.hash}" if anchor is not None else "",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and not response.has_header("Cache-Control")
    )


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the stored page of ``view`` (a unit's public page, ``slug`` keyword) when there is
    one for the unit's current version, otherwise render and store it."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        found = _lookup(kwargs["slug"], key)
        if found is None:
            return view(request, *args, **kwargs)
        unit_id, number, html, content_type = found
        if html is not None and content_type is not None:
            if PLACEHOLDER in html:
                html = html.replace(PLACEHOLDER, get_token(request))
            response = HttpResponse(html, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            html = _TOKEN.sub(rf"\g<1>{PLACEHOLDER}\g<2>", response.content.decode())
            RenderedPage.objects.filter(unit_id=unit_id, version__lt=number).delete()
            RenderedPage.objects.bulk_create(
                [
                    RenderedPage(
                        unit_id=unit_id,
                        version=number,
                        key=key,
                        html=html,
                        content_type=response["Content-Type"],
                    )
                ],
                ignore_conflicts=True,
            )
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped

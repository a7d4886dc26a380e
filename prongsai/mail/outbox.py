"""Every e-mail the product sends goes through here: queued, delivered by a task, retried.

* :func:`mail_queue` writes the mail in the caller's transaction and hands it to the task queue
  (with the database queue, in the same transaction: a committed change always has its mail).
* :func:`mail_deliver` (run by the ``deliver_mail`` task) renders and sends one mail. A failure
  is recorded on the row and retried later, with a growing delay (``MAIL_RETRY_SECONDS`` × 3ⁿ,
  at most six hours apart) and at most ``MAIL_MAX_ATTEMPTS`` times; then the mail is marked
  *not delivered* and shown to the admins of its unit (members page) and in Django admin, where
  it can be sent again (:func:`mail_resend`).
* ``manage.py mail_retry`` (cron, every few minutes) takes up mails that are due and whose task
  was lost, or whose worker died mid-send; with the immediate task backend (demo) it is what
  retries at all.

A *kind* of mail is a renderer registered with :func:`mail_kind`: a function from the row's
``params`` to a :class:`MailContent`. Renderers run at delivery, so one-time links are made then
and never stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from prongsai.core.audit import audit_record

from .models import OutgoingMail

logger = logging.getLogger("prongsai.mail")

CLAIM_SECONDS = 600  # a worker sending a mail holds it this long before another may retry it
MAX_DELAY_SECONDS = 6 * 3600


@dataclass(frozen=True)
class MailContent:
    subject: str
    body: str


class MailUndeliverable(Exception):
    """The mail cannot be made any more (e.g. its recipient's account was deleted): no retry."""


Renderer = Callable[[Mapping[str, Any]], MailContent]
_RENDERERS: dict[str, Renderer] = {}


def mail_kind(name: str) -> Callable[[Renderer], Renderer]:
    """Register a renderer for mails of kind ``name`` (at import, from an app's ``ready()``)."""

    def register(renderer: Renderer) -> Renderer:
        _RENDERERS[name] = renderer
        return renderer

    return register


@mail_kind("mail.message")
def _message(params: Mapping[str, Any]) -> MailContent:
    """A mail already written (no secrets in it): subject and body as given."""
    return MailContent(subject=str(params["subject"]), body=str(params["body"]))


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failed attempt (±20 % so retries spread)."""
    base = settings.MAIL_RETRY_SECONDS * 3 ** max(attempts - 1, 0)
    seconds = min(base, MAX_DELAY_SECONDS) * random.uniform(0.8, 1.2)  # noqa: S311 (not secret)
    return dt.timedelta(seconds=seconds)


def _deliver_task() -> Any:
    from .tasks import deliver_mail

    return deliver_mail


def _can_defer() -> bool:
    return bool(_deliver_task().get_backend().supports_defer)


def _hand_to_worker(mail_id: str, *, run_after: dt.datetime | None = None) -> None:
    task = _deliver_task()
    if run_after is not None:
        task = task.using(run_after=run_after)
    task.enqueue(mail_id)


def mail_queue(
    *,
    kind: str,
    to: Iterable[str],
    params: Mapping[str, Any] | None = None,
    unit_id: Any = "",
) -> OutgoingMail:
    """Queue one mail of ``kind`` for ``to``. Call it inside the change's transaction."""
    if kind not in _RENDERERS:
        raise ValueError(f"unknown kind of mail: {kind!r}")
    recipients = [address for address in to if address]
    if not recipients:
        raise ValueError("a mail needs at least one recipient")
    mail = OutgoingMail.objects.create(
        kind=kind, to=recipients, params=dict(params or {}), unit_id=str(unit_id or "")
    )
    _schedule(str(mail.pk))
    return mail


def _schedule(mail_id: str) -> None:
    if _can_defer():
        _hand_to_worker(mail_id)  # a queue row in the caller's transaction: committed together
    else:
        # The immediate backend sends at once: only once the change is committed.
        transaction.on_commit(lambda: _hand_to_worker(mail_id))


def _due(now: dt.datetime) -> Q:
    waiting = Q(status=OutgoingMail.Status.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=OutgoingMail.Status.SENDING, claimed_until__lt=now)
    return waiting | abandoned


def _render(mail: OutgoingMail) -> EmailMessage:
    renderer = _RENDERERS.get(mail.kind)
    if renderer is None:
        raise MailUndeliverable(f"unknown kind of mail: {mail.kind}")
    with translation.override(settings.LANGUAGE_CODE):  # Thai first
        content = renderer(mail.params)
    subject = " ".join(content.subject.split())  # one line, as mail headers need
    return EmailMessage(subject, content.body, None, list(mail.to))


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def mail_deliver(mail_id: str) -> str:
    """Try to send one mail now (if it is due). Returns what happened: ``sent``, ``retry``,
    ``failed`` or ``not due`` (sent already, failed for good, or another worker has it)."""
    now = timezone.now()
    claimed = (
        OutgoingMail.objects.filter(pk=mail_id)
        .filter(_due(now))
        .update(
            status=OutgoingMail.Status.SENDING,
            claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS),
        )
    )
    if not claimed:
        return "not due"
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        message = _render(mail)
    except (MailUndeliverable, KeyError, LookupError) as exc:
        return _attempt_failed(mail, exc, permanent=True)
    try:
        accepted = get_connection(fail_silently=False).send_messages([message])
        if not accepted:
            raise ConnectionError("the mail server did not accept the message")
    except Exception as exc:  # any failure of the mail server or the network: try again later
        return _attempt_failed(mail, exc)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENT,
        attempts=mail.attempts + 1,
        sent_at=timezone.now(),
        claimed_until=None,
        next_attempt_at=None,
        last_error="",
    )
    return "sent"


def _attempt_failed(mail: OutgoingMail, exc: BaseException, *, permanent: bool = False) -> str:
    attempts = mail.attempts + 1
    error = _error_text(exc)
    if permanent or attempts >= settings.MAIL_MAX_ATTEMPTS:
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.FAILED,
            attempts=attempts,
            last_error=error,
            claimed_until=None,
            next_attempt_at=None,
        )
        logger.error("e-mail %s (%s) not delivered after %d attempt(s): %s",
                     mail.pk, mail.kind, attempts, error)  # fmt: skip
        return "failed"
    next_at = timezone.now() + retry_delay(attempts)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.QUEUED,
        attempts=attempts,
        last_error=error,
        claimed_until=None,
        next_attempt_at=next_at,
    )
    logger.warning("e-mail %s (%s) attempt %d failed, next at %s: %s",
                   mail.pk, mail.kind, attempts, next_at.isoformat(), error)  # fmt: skip
    if _can_defer():
        try:
            _hand_to_worker(str(mail.pk), run_after=next_at)
        except Exception:  # the queue itself is down: `mail_retry` (cron) takes it up later
            logger.exception("could not queue the retry of e-mail %s", mail.pk)
    return "retry"


def mails_due(now: dt.datetime | None = None) -> list[str]:
    """Ids of mails waiting for an attempt now (their task lost, or no deferring backend)."""
    return [
        str(pk)
        for pk in OutgoingMail.objects.filter(_due(now or timezone.now())).values_list(
            "pk", flat=True
        )
    ]


@transaction.atomic
def mail_resend(*, actor: Any, mail: OutgoingMail) -> OutgoingMail:
    """Queue a mail that was not delivered once more, with a fresh count of attempts."""
    mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if mail.status != OutgoingMail.Status.FAILED:
        return mail
    mail.status = OutgoingMail.Status.QUEUED
    mail.attempts = 0
    mail.next_attempt_at = None
    mail.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit_record(
        actor=actor,
        action="mail.resend",
        obj=mail,
        unit_id=mail.unit_id,
        changes={"kind": mail.kind, "to": mail.to},
    )
    _schedule(str(mail.pk))
    return mail

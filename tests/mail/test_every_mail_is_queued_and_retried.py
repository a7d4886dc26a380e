"""Every mail goes through the outbox: written with the change that sends it, delivered by a
task, retried with a growing delay a bounded number of times, then reported as not delivered.
A mail server that is down never turns a request into a server error."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from prongsai.mail.models import OutgoingMail
from prongsai.mail.outbox import mail_deliver, mail_queue, retry_delay

from .. import mail_server
from ..factories import UserFactory

DOWN = "tests.mail_server.MailServerDown"
UP = "tests.mail_server.MailServerUp"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _count_attempts() -> None:
    mail_server.reset()


def _message(**extra: Any) -> OutgoingMail:
    return mail_queue(
        kind="mail.message", to=["officer@example.go.th"], params={"subject": "s", "body": "b"},
        **extra,
    )  # fmt: skip


def _due_now(row: OutgoingMail) -> None:
    OutgoingMail.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )


def test_retries_wait_longer_each_time_and_stop(db: None, settings: Any) -> None:
    settings.EMAIL_BACKEND = DOWN
    settings.MAIL_MAX_ATTEMPTS = 4
    settings.MAIL_RETRY_SECONDS = 60
    delays = [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)]
    for attempt, delay in enumerate(delays):  # one minute, then ×3 each time, each ±20 %
        assert 0.8 * 60 * 3**attempt <= delay <= 1.2 * 60 * 3**attempt
    assert delays == sorted(delays)
    assert retry_delay(30).total_seconds() <= 6 * 3600 * 1.2  # never more than ~6 h apart

    row = _message()
    outcomes = []
    for _round in range(6):
        outcomes.append(mail_deliver(str(row.pk)))
        row.refresh_from_db()
        if row.status == OutgoingMail.Status.QUEUED:
            assert row.next_attempt_at is not None
            wait = (row.next_attempt_at - timezone.now()).total_seconds()
            assert wait > 30  # it waits before the next attempt
            assert mail_deliver(str(row.pk)) == "not due"  # and does not try early
            _due_now(row)
    assert outcomes == ["retry", "retry", "retry", "failed", "not due", "not due"]
    assert mail_server.attempts() == 4
    assert row.status == OutgoingMail.Status.FAILED and row.attempts == 4
    assert "Connection refused" in row.last_error


def test_with_the_database_queue_the_mail_and_its_task_commit_together(
    transactional_db: None, settings: Any
) -> None:
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = DOWN
    with pytest.raises(RuntimeError), transaction.atomic():
        _message()
        raise RuntimeError("the change fails")
    assert not OutgoingMail.objects.exists() and not DBTaskResult.objects.exists()

    with transaction.atomic():
        row = _message()
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [str(row.pk)]
    assert task.task.run_after is None  # to be run at once

    # A worker runs it; the server is down: the retry is a new task, deferred to the next try.
    assert mail_deliver(str(row.pk)) == "retry"
    row.refresh_from_db()
    retry = DBTaskResult.objects.exclude(pk=task.pk).get()
    assert retry.args_kwargs["args"] == [str(row.pk)]
    assert retry.task.run_after == row.next_attempt_at


def test_a_worker_that_died_mid_send_leaves_the_mail_to_the_next(
    db: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = UP
    row = _message()  # its first delivery was lost with the worker (callbacks not run)
    OutgoingMail.objects.filter(pk=row.pk).update(
        status=OutgoingMail.Status.SENDING,
        claimed_until=timezone.now() - dt.timedelta(seconds=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mail_retry", stdout=open("/dev/null", "w"))  # noqa: SIM115
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT
    assert [m.to for m in mail.outbox] == [["officer@example.go.th"]]


def test_a_password_reset_is_queued_when_the_mail_server_is_down(
    db: None, client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = DOWN
    user: Any = UserFactory(username="forgetful", email="forgetful@example.go.th")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "forgetful@example.go.th"})
    assert response.status_code == 302  # not a server error
    row = OutgoingMail.objects.get()
    # The one-time link is made at delivery, on the address the reset was asked from.
    assert row.params == {"user_id": user.pk, "site": "http://testserver"}
    assert row.status == OutgoingMail.Status.QUEUED and row.attempts == 1

    settings.EMAIL_BACKEND = UP
    _due_now(row)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mail_retry", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (sent,) = mail.outbox
    assert sent.to == ["forgetful@example.go.th"]
    assert "\n" not in sent.subject and "รหัสผ่าน" in sent.subject
    link = next(line for line in sent.body.splitlines() if "/accounts/reset/" in line)
    confirm = client.get(link[link.index("/accounts/reset/") :], follow=True)
    assert confirm.context["validlink"]


def test_a_mail_whose_recipient_is_gone_fails_without_retrying(
    db: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = UP
    user: Any = UserFactory(username="leaver")
    with django_capture_on_commit_callbacks(execute=False):
        row = mail_queue(
            kind="organizations.invitation", to=[user.email], params={"user_id": user.pk}
        )
    user.delete()
    assert mail_deliver(str(row.pk)) == "failed"
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.FAILED and row.attempts == 1
    assert mail_server.attempts() == 0 and not mail.outbox


def test_unknown_kinds_and_empty_recipients_are_refused(db: None) -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        mail_queue(kind="nope", to=["a@example.go.th"])
    with pytest.raises(ValueError, match="recipient"):
        mail_queue(kind="mail.message", to=["", ""], params={"subject": "s", "body": "b"})
    assert not OutgoingMail.objects.exists()

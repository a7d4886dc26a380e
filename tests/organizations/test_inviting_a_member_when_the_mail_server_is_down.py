"""Inviting a member does not depend on the mail server (issue 10): the member is created at
once, the invitation queued and retried in the background, and the admin told so in Thai. An
invitation still undelivered after the last attempt shows on the members page, where the admin
can send it again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from prongsai.core.models import AuditEntry
from prongsai.mail.models import OutgoingMail
from prongsai.organizations.models import Membership, Role

from .. import mail_server
from ..conftest import Personas, Tree
from ..factories import UserFactory

DOWN = "tests.mail_server.MailServerDown"
UP = "tests.mail_server.MailServerUp"
NEW_MEMBER = {
    "username": "new-officer",
    "email": "new-officer@example.go.th",
    "first_name": "สมชาย",
    "last_name": "ใจดี",
    "role": Role.EDITOR,
    "rank": "ด.ต.",
    "position": "ผบ.หมู่",
}


@pytest.fixture(autouse=True)
def _count_attempts() -> None:
    mail_server.reset()


def _members_url(tree: Tree) -> str:
    return reverse("organizations:members", kwargs={"slug": tree.unit.slug})


def _time_passes(mail_row: OutgoingMail) -> None:
    """The retry's moment arrives (instead of waiting for it)."""
    OutgoingMail.objects.filter(pk=mail_row.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )


def _retry(capture: Any) -> None:
    with capture(execute=True):
        call_command("mail_retry", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_member_is_created_and_the_invitation_queued_when_mail_is_down(
    tree: Tree,
    people: Personas,
    client: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EMAIL_BACKEND = DOWN
    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_members_url(tree), NEW_MEMBER)
    assert response.status_code == 302  # not a server error
    assert mail_server.attempts() == 1  # it was tried at once
    membership = Membership.objects.get(user__username="new-officer", unit=tree.unit)
    assert membership.role == Role.EDITOR
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "เพิ่มสมาชิกแล้ว" in text and "อยู่ในคิว" in text  # added; the invitation is queued
    # The members page lists the invitation that has not arrived yet.
    assert "new-officer@example.go.th" in text and "ยังส่งไม่ถึง" in text

    queued = OutgoingMail.objects.get()
    assert queued.to == ["new-officer@example.go.th"]
    assert queued.status == OutgoingMail.Status.QUEUED
    assert queued.attempts == 1 and "Connection refused" in queued.last_error
    assert queued.next_attempt_at is not None and queued.next_attempt_at > timezone.now()
    # The one-time link is made when the mail goes out: nothing secret waits in the database.
    assert "token" not in queued.params and set(queued.params) == {"user_id", "site"}

    # Not due yet: the retry command leaves it alone.
    _retry(django_capture_on_commit_callbacks)
    assert mail_server.attempts() == 1

    # The server is back and the retry is due: the invitation arrives, with a working link.
    settings.EMAIL_BACKEND = UP
    _time_passes(queued)
    _retry(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["new-officer@example.go.th"]]
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT and queued.attempts == 2
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    client.logout()
    confirm = client.get(link[link.index("/accounts/reset/") :], follow=True)
    assert confirm.context["validlink"]
    # Delivered: no longer listed as pending.
    client.force_login(people.admin)
    assert "new-officer@example.go.th" not in client.get(_members_url(tree)).content.decode()


def test_an_invitation_that_never_arrives_is_shown_and_can_be_sent_again(
    tree: Tree,
    people: Personas,
    client: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EMAIL_BACKEND = DOWN
    settings.MAIL_MAX_ATTEMPTS = 3
    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_members_url(tree), NEW_MEMBER)
    queued = OutgoingMail.objects.get()
    for _attempt in range(5):  # more rounds than attempts allowed
        _time_passes(queued)
        _retry(django_capture_on_commit_callbacks)
    assert mail_server.attempts() == 3  # bounded
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.FAILED and queued.attempts == 3

    page = client.get(_members_url(tree)).content.decode()
    assert "new-officer@example.go.th" in page and "ส่งไม่สำเร็จ" in page  # not delivered
    resend = reverse(
        "organizations:mail_resend", kwargs={"slug": tree.unit.slug, "mail_id": queued.pk}
    )
    assert resend in page

    # Another unit's admin cannot see or resend it.
    client.force_login(people.sibling_editor)
    assert client.post(resend).status_code in (403, 404)

    settings.EMAIL_BACKEND = UP
    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["new-officer@example.go.th"]]
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT
    assert AuditEntry.objects.filter(action="mail.resend", unit_id=str(tree.unit.pk)).exists()


def test_platform_admins_see_undelivered_mail_in_django_admin(
    tree: Tree,
    people: Personas,
    client: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EMAIL_BACKEND = DOWN
    settings.MAIL_MAX_ATTEMPTS = 1
    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_members_url(tree), NEW_MEMBER)
    client.force_login(UserFactory(username="platform", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:mail_outgoingmail_changelist") + "?status__exact=failed")
    assert page.status_code == 200
    assert "new-officer@example.go.th" in page.content.decode()
    assert "Connection refused" in page.content.decode()

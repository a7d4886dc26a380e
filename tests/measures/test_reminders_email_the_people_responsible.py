"""Reminders: a background task e-mails each responsible user the overdue rows they answer for,
once per monitoring period; the ``measures_remind`` command queues it for a cron job. The mails
go through the outbox (delivered once the change commits, retried when the server is down)."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from prongsai.core.audit import AuditEntry
from prongsai.measures.reminders import send_reminders
from prongsai.measures.tasks import send_plan_reminders

from .helpers import add_update, make_row

TODAY = dt.date(2024, 2, 20)


def test_each_responsible_user_gets_one_email(
    assessment: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    both = make_row(
        assessment, activity="ติดตามรายเดือน", responsible_users=[people.editor, people.admin]
    )
    make_row(assessment, activity="ของผู้จัดทำ", cadence="weekly", responsible_users=[people.editor])
    make_row(assessment, activity="ไม่มีผู้ใช้", responsible_users=[])
    settled = make_row(assessment, activity="มีความคืบหน้าแล้ว", responsible_users=[people.editor])
    add_update(settled, date=dt.date(2024, 2, 15))

    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(assessment, today=TODAY)
    assert sent == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    editor_mail = by_recipient[people.editor.email]
    assert "ติดตามรายเดือน" in editor_mail.body and "ของผู้จัดทำ" in editor_mail.body
    assert "มีความคืบหน้าแล้ว" not in editor_mail.body
    row_url = reverse(
        "measures:row",
        kwargs={"slug": assessment.unit.slug, "year": assessment.year, "row_id": both.pk},
    )
    assert row_url in editor_mail.body
    assert "ไม่มีผู้ใช้" not in by_recipient[people.admin.email].body
    assert AuditEntry.objects.filter(action="plan_rows.remind").count() == 1


def test_a_row_is_not_reminded_twice_in_one_period(
    assessment: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_row(assessment, responsible_users=[people.editor])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(assessment, today=TODAY) == 1
        assert send_reminders(assessment, today=TODAY) == 0
    assert len(mail.outbox) == 1


def test_the_task_and_the_command_send_them(
    assessment: Any, people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_row(assessment, responsible_users=[people.editor])
    with django_capture_on_commit_callbacks(execute=True):
        result = send_plan_reminders.enqueue(str(assessment.pk), TODAY.isoformat())
    assert result.return_value == 1  # the immediate backend runs it at once (tests, demo)
    assert [m.to for m in mail.outbox] == [[people.editor.email]]
    mail.outbox.clear()
    make_row(assessment, activity="อีกแถว", responsible_users=[people.admin])
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("measures_remind", "--today", TODAY.isoformat(), stdout=out)
    assert "queued" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[people.admin.email]]


def test_editors_can_send_reminders_from_the_plan_page(
    assessment: Any, people: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_row(assessment, responsible_users=[people.admin])
    url = reverse("measures:remind", kwargs={"slug": assessment.unit.slug, "year": assessment.year})
    client.force_login(people.viewer)
    assert client.post(url).status_code == 403
    client.force_login(people.editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    # The plan's year (2567) is over: the reference day is its last day, 30 September 2567.
    assert [m.to for m in mail.outbox] == [[people.admin.email]]

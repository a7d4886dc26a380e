"""Reminders go to the unit's editors and admins three days before a month's due day while it is
unpublished, and once after the due day when it is missing: a daily run never sends the same
reminder twice, and a published month is not reminded about."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from prongsai.mail.models import OutgoingMail
from prongsai.records.models import ReminderSent
from prongsai.records.reminders import send_reminders

from .helpers import enter_statistics, publish_records


def _mails() -> list[OutgoingMail]:
    return list(OutgoingMail.objects.filter(kind="mail.message").order_by("created_at"))


@pytest.mark.django_db
def test_once_per_period(people: Any, tree: Any) -> None:
    people.editor.email = "editor@example.go.th"
    people.editor.save()
    people.admin.email = "admin@example.go.th"
    people.admin.save()
    assert send_reminders(tree.unit, 2567, today=dt.date(2023, 11, 11)) == 0  # too early
    assert send_reminders(tree.unit, 2567, today=dt.date(2023, 11, 12)) == 3  # O6, O10, O11
    assert send_reminders(tree.unit, 2567, today=dt.date(2023, 11, 13)) == 0  # sent already
    mail = _mails()[0]
    assert sorted(mail.to) == ["admin@example.go.th", "editor@example.go.th"]
    assert "ตุลาคม 2566" in mail.params["subject"]

    enter_statistics(tree.unit)
    publish_records(people, tree, "statistics", "2566-10")
    assert send_reminders(tree.unit, 2567, today=dt.date(2023, 11, 16)) == 2  # O6, O11 missing
    assert send_reminders(tree.unit, 2567, today=dt.date(2023, 11, 20)) == 0
    kinds = set(ReminderSent.objects.filter(stage="after").values_list("kind", flat=True))
    assert kinds == {"operations", "budget"}

    call_command("records_remind", "--today", "2023-11-21", "--year", "2567", stdout=StringIO())
    assert ReminderSent.objects.filter(stage="after").count() == 2

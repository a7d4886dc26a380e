"""E-mail reminders for records due: a few days before a period's due day while it is not
published, and once after the due day when it is still missing. At most one reminder of each
stage per unit, kind and period: a :class:`~prongsai.records.models.ReminderSent` row (unique on
unit, year, kind, period, stage) is written with the queued mail, so a daily cron job
(``records_remind``) or a retried task never sends it twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.core.site import absolute_url
from prongsai.core.thai_dates import thai_date
from prongsai.mail.outbox import mail_queue
from prongsai.organizations.duties import Role
from prongsai.organizations.models import Membership, Unit

from .calendar import KindCalendar, records_calendar
from .models import ReminderSent

REMIND_BEFORE_DAYS = 3  # the "before" reminder goes out this many days before the due day


@dataclass(frozen=True)
class DueReminder:
    kind: str
    title: str
    item_code: str
    period: str
    label: str
    due: dt.date
    stage: str  # "before" | "after"


def due_reminders(unit: Unit, year: int, *, today: dt.date | None = None) -> list[DueReminder]:
    today = today or timezone.localdate()
    sent = set(
        ReminderSent.objects.filter(unit=unit, year=year).values_list("kind", "period", "stage")
    )
    out = []
    calendars: list[KindCalendar] = records_calendar(unit, year, today=today)
    for cal in calendars:
        for state in cal.periods:
            row = state.row
            if row.published_at is not None:
                continue
            if row.due - dt.timedelta(days=REMIND_BEFORE_DAYS) <= today <= row.due:
                stage = "before"
            elif today > row.due:
                stage = "after"
            else:
                continue
            if (cal.kind, row.period, stage) in sent:
                continue
            out.append(
                DueReminder(
                    cal.kind, cal.title, cal.item_code, row.period, row.label, row.due, stage
                )
            )
    return out


def recipients(unit: Unit) -> list[str]:
    rows = Membership.objects.filter(unit=unit, role__in=[Role.EDITOR, Role.ADMIN]).select_related(
        "user"
    )
    return sorted({m.user.email for m in rows if m.user.is_active and m.user.email})


def send_reminders(
    unit: Unit, year: int, *, today: dt.date | None = None, actor: Actor = "records_remind"
) -> int:
    """Queue the due reminders (one e-mail per kind, period and stage to the unit's editors and
    admins); returns how many were queued."""
    to = recipients(unit)
    if not to:
        return 0
    queued = 0
    url = absolute_url(reverse("records:index", kwargs={"slug": unit.slug, "year": year}))
    with translation.override("th"):  # official Thai wording, whoever runs it
        due = due_reminders(unit, year, today=today)
    for reminder in due:
        with translation.override("th"):
            if reminder.stage == "before":
                subject = f"เตือน: {reminder.title} ({reminder.item_code}) {reminder.label} ครบกำหนดเผยแพร่ {thai_date(reminder.due)}"
            else:
                subject = f"เลยกำหนด: {reminder.title} ({reminder.item_code}) {reminder.label} ยังไม่ได้เผยแพร่"
            body = (
                f"{unit.name}\n\n{subject}\n\n"
                f"กำหนดเผยแพร่: ภายในวันที่ {thai_date(reminder.due)}\n"
                f"บันทึกข้อมูลและกด “เผยแพร่” ได้ที่ {url}\n"
            )
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    unit=unit, year=year, kind=reminder.kind, period=reminder.period,
                    stage=reminder.stage, recipients=len(to),
                )  # fmt: skip
                mail_queue(
                    kind="mail.message",
                    to=to,
                    params={"subject": subject, "body": body},
                    unit_id=unit.pk,
                )
                audit_record(
                    actor=actor,
                    action="records.remind",
                    object_type=f"records.{reminder.kind}",
                    object_id=f"{unit.pk}:{year}:{reminder.period}",
                    object_repr=f"{unit} {reminder.period}",
                    unit_id=unit.pk,
                    changes={
                        "kind": reminder.kind,
                        "period": reminder.period,
                        "stage": reminder.stage,
                        "recipients": len(to),
                    },
                )
        except IntegrityError:  # another process sent this one first
            continue
        queued += 1
    return queued


def units_to_remind(year: int) -> list[Any]:
    """Units with records or an assessment in ``year``."""
    from prongsai.assessments.models import Assessment

    from .models import OperationEntry, StatSeries

    ids = set(Assessment.objects.filter(year=year).values_list("unit_id", flat=True))
    ids |= set(StatSeries.objects.filter(year=year).values_list("unit_id", flat=True))
    ids |= set(OperationEntry.objects.filter(year=year).values_list("unit_id", flat=True))
    return list(Unit.objects.filter(pk__in=ids))

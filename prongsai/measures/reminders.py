"""E-mail reminders to the people responsible for overdue plan rows.

A row is reminded about at most once per monitoring period: ``reminded_at`` records the last
reminder, and a row whose reminder is newer than the start of its overdue period is skipped, so a
daily cron job does not send the same reminder every day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.assessments.models import Assessment
from prongsai.core.site import absolute_url
from prongsai.mail.outbox import mail_queue

from .selectors import OverdueRow, overdue_rows
from .services import plan_rows_mark_reminded


def due_reminders(
    assessment: Assessment, *, today: dt.date | None = None
) -> dict[Any, list[OverdueRow]]:
    """``{user: [overdue rows]}`` for users with an e-mail address, not yet reminded."""
    by_user: dict[Any, list[OverdueRow]] = defaultdict(list)
    for item in overdue_rows(assessment, today=today):
        reminded = item.row.reminded_at
        if reminded is not None and timezone.localtime(reminded).date() >= item.since:
            continue
        for user in item.users:
            if user.email and user.is_active:
                by_user[user].append(item)
    return dict(by_user)


def send_reminders(
    assessment: Assessment, *, today: dt.date | None = None, actor: Any = "measures_remind"
) -> int:
    """Queue one e-mail per responsible user (delivered and retried by the outbox, see
    prongsai/mail); returns how many were queued."""
    due = due_reminders(assessment, today=today)
    if not due:
        return 0
    plan_url = absolute_url(
        reverse("measures:plan", kwargs={"slug": assessment.unit.slug, "year": assessment.year})
    )
    messages = []
    reminded: dict[Any, Any] = {}
    with translation.override("th"):
        for user, items in due.items():
            context = {
                "user": user,
                "unit": assessment.unit,
                "year": assessment.year,
                "items": [
                    {
                        "item": item,
                        "url": absolute_url(
                            reverse(
                                "measures:row",
                                kwargs={
                                    "slug": assessment.unit.slug,
                                    "year": assessment.year,
                                    "row_id": item.row.pk,
                                },
                            )
                        ),
                    }
                    for item in items
                ],
                "plan_url": plan_url,
            }
            subject = " ".join(render_to_string("measures/reminder_subject.txt", context).split())
            body = render_to_string("measures/reminder_email.txt", context)
            messages.append((user.email, subject, body))
            for item in items:
                reminded[item.row.pk] = item.row
    with transaction.atomic():  # the mails are queued with the rows marked as reminded
        for address, subject, body in messages:
            mail_queue(
                kind="mail.message",
                to=[address],
                params={"subject": subject, "body": body},
                unit_id=assessment.unit_id,
            )
        plan_rows_mark_reminded(actor=actor, rows=list(reminded.values()), at=timezone.now())
    return len(messages)

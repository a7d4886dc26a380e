"""E-mail reminders to the people responsible for overdue plan rows.

A row is reminded about at most once per monitoring period: ``reminded_at`` records the last
reminder, and a row whose reminder is newer than the start of its overdue period is skipped, so a
daily cron job does not send the same reminder every day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from prongsai.assessments.models import Assessment

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
    """Send one e-mail per responsible user; returns how many were sent."""
    due = due_reminders(assessment, today=today)
    if not due:
        return 0
    plan_url = settings.SITE_URL + reverse(
        "measures:plan", kwargs={"slug": assessment.unit.slug, "year": assessment.year}
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
                        "url": settings.SITE_URL
                        + reverse(
                            "measures:row",
                            kwargs={
                                "slug": assessment.unit.slug,
                                "year": assessment.year,
                                "row_id": item.row.pk,
                            },
                        ),
                    }
                    for item in items
                ],
                "plan_url": plan_url,
            }
            subject = " ".join(render_to_string("measures/reminder_subject.txt", context).split())
            body = render_to_string("measures/reminder_email.txt", context)
            messages.append(EmailMessage(subject, body, None, [user.email]))
            for item in items:
                reminded[item.row.pk] = item.row
    connection = get_connection()
    sent = connection.send_messages(messages) or 0
    plan_rows_mark_reminded(actor=actor, rows=list(reminded.values()), at=timezone.now())
    return int(sent)

"""Reads for the outbox."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import OutgoingMail


def mail_undelivered(*, unit_id: Any, limit: int = 50) -> QuerySet[OutgoingMail]:
    """A unit's mails not delivered yet (waiting for a retry, or given up on), newest first."""
    return OutgoingMail.objects.filter(unit_id=str(unit_id)).exclude(
        status=OutgoingMail.Status.SENT
    )[:limit]

"""Outgoing e-mail, queued in the database and delivered by a background task with retries.

A row is written in the transaction of the change that sends it (an invitation commits with the
new account), so a mail server that is down never fails the request and never loses the mail.
What a row stores is what its renderer needs (e.g. a user id), not the rendered text: one-time
links (password set/reset tokens) are made at delivery and never rest in the database.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutgoingMail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("mail status", "Queued")
        SENDING = "sending", pgettext_lazy("mail status", "Sending")
        SENT = "sent", pgettext_lazy("mail status", "Sent")
        FAILED = "failed", pgettext_lazy("mail status", "Not delivered")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=60)  # a registered renderer (outbox.py)
    to = models.JSONField(_("recipients"), default=list)
    params = models.JSONField(default=dict, blank=True)  # what the renderer needs
    # The unit whose admins see this mail's delivery problems (blank: platform admins only).
    unit_id = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # While a worker sends it; a worker that died mid-send leaves it to be taken up again.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_due")]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")

    def __str__(self) -> str:
        return f"{self.kind} → {', '.join(self.to)} ({self.status})"

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)

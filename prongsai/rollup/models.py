"""The roll-up reads other apps' data (selectors, score snapshots). What it keeps itself: which
mails it sent (so a reminder or a weekly digest goes out once) and who opted out of the digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class RollupMail(BaseModel):
    """A reminder to a unit behind (``key``: year, topic and day) or a weekly digest to a viewer
    (``key``: ISO week), recorded when queued: the unique constraint makes sending it twice a
    no-op."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        DIGEST = "digest", _("Weekly digest")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit", "user", "key"], name="rollup_mail_once"
            ),
            models.UniqueConstraint(
                fields=["kind", "unit", "key"],
                condition=models.Q(user__isnull=True),
                name="rollup_mail_once_per_unit",
            ),
        ]
        verbose_name = _("roll-up mail")
        verbose_name_plural = _("roll-up mails")


class DigestOptOut(BaseModel):
    """This person gets no weekly digest (from any unit)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rollup_digest_opt_out"
    )

    class Meta:
        verbose_name = _("weekly digest opt-out")
        verbose_name_plural = _("weekly digest opt-outs")

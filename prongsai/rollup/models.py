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


class UnitFigures(models.Model):
    """One assessment's roll-up figures (score, survey counts, OIT progress, plan progress,
    integrity signals) as the overview and the heat maps list them, stored by a task
    (``services.figures_refresh_requested``) whenever an input changes, so that a page reads one
    row per unit instead of computing every unit's figures. ``day``: the day the date-dependent
    figures (overdue rows, signals) were computed for; a row of an earlier day is not used."""

    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    day = models.DateField()
    computed_at = models.DateTimeField()
    figures = models.JSONField(default=dict)

    class Meta:
        db_table = "rollup_unitfigures"
        indexes = [models.Index(fields=["year", "unit"], name="rollup_figures_year_unit")]
        verbose_name = _("roll-up figures")
        verbose_name_plural = _("roll-up figures")

    def __str__(self) -> str:
        return f"figures of {self.assessment_id} as of {self.computed_at:%Y-%m-%d %H:%M}"


class FiguresRefreshRequest(models.Model):
    """This assessment's stored figures are out of date: one row (and one queued task) at most.
    Until the task ran, pages compute this assessment's figures themselves."""

    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    requested_at = models.DateTimeField()

    class Meta:
        db_table = "rollup_figuresrefreshrequest"  # named in services.figures_schedule

    def __str__(self) -> str:
        return f"{self.assessment_id} wants its roll-up figures refreshed"

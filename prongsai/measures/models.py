"""The integrity-measures plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) and its progress.

One :class:`PlanRow` per line of the unit's measures table, in the seed report's columns;
:class:`ProgressUpdate` records what was done and when (with photos and links). The row's status
follows its latest update.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.models import Assessment
from prongsai.core.models import BaseModel


class Channel(models.TextChoices):
    """Where a measure is made known (วิธีการสร้างการรับรู้). Anything else is free text."""

    WEBSITE = "website", "Website"
    FACEBOOK = "facebook", "Facebook"
    LINE = "line", "LINE"
    ONE_STOP = "one_stop", "One Stop Service"


class Cadence(models.TextChoices):
    """How often a measure is followed up (ระยะเวลากำกับติดตาม)."""

    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")
    YEARLY = "yearly", _("Every fiscal year")
    EVENT = "event", _("Whenever something happens")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Completed")


def _empty_list() -> list[str]:
    return []


class PlanRow(BaseModel):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="plan_rows")
    position = models.PositiveIntegerField(default=0)
    indicator = models.CharField(
        _("indicator"), max_length=20, help_text=_("Indicator code of the framework, e.g. 9")
    )
    issue = models.TextField(_("issue to improve"))
    activity = models.TextField(_("activity"))
    output = models.TextField(_("output"), blank=True)
    channels = models.JSONField(_("communication channels"), default=_empty_list, blank=True)
    channels_other = models.CharField(_("other channels"), max_length=300, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("completion date"), null=True, blank=True)
    # The period as written when it is not a date range (e.g. "ทุกวัน": every day).
    period_text = models.CharField(_("period (as text)"), max_length=200, blank=True)
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="plan_rows",
        verbose_name=_("responsible users"),
    )
    responsible_positions = models.JSONField(
        _("responsible officers (positions)"), default=_empty_list, blank=True
    )
    cadence = models.CharField(
        _("monitoring cadence"), max_length=20, choices=Cadence.choices, blank=True
    )
    # The cadence as written when it differs from the plain label ("ตรวจประจำปีงบประมาณ",
    # "ทุกครั้งที่…"); required for an event cadence.
    cadence_text = models.CharField(_("monitoring (as written)"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    result_note = models.TextField(_("result details"), blank=True)
    oit_items = models.JSONField(_("OIT items served"), default=_empty_list, blank=True)
    # What else the unit's own plan said about the row (e.g. a budget column kept at import).
    notes = models.TextField(_("notes"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by the "new row" form: a double-submitted form creates the row once.
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["assessment", "position"]
        indexes = [models.Index(fields=["assessment", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="plan_row_idempotent",
            )
        ]
        verbose_name = _("plan row")
        verbose_name_plural = _("plan rows")

    def __str__(self) -> str:
        return f"{self.indicator}. {self.activity[:60]}"

    @property
    def is_done(self) -> bool:
        return self.status == Status.DONE


class ProgressUpdate(BaseModel):
    row = models.ForeignKey(PlanRow, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    text = models.TextField(_("what was done"))
    status = models.CharField(_("status after this update"), max_length=20, choices=Status.choices)
    links = models.JSONField(_("links"), default=_empty_list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A retried submission (double click, flaky connection) is stored once.
    idempotency_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["row", "-date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["row", "idempotency_key"], name="progress_update_idempotent"
            )
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.text[:60]}"


def photo_path(instance: ProgressPhoto, filename: str) -> str:
    """Never the uploader's file name: a random name under the assessment's folder."""
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(
        instance.content_type, "bin"
    )
    return f"measures/{instance.update.row.assessment_id}/{instance.id}.{extension}"


class ProgressPhoto(BaseModel):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=300)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["update", "created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.original_name or str(self.id)

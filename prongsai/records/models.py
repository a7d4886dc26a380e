"""A unit's open-data records, per fiscal year (Buddhist era).

* :class:`OperationEntry` (O6, the monthly operations report): what was done in a month, with
  photos (:class:`OperationPhoto`, stored as the measures plan stores its progress photos).
* :class:`StatSeries` + :class:`StatValue` (O10, statistics): series the unit defines (name,
  category, unit of measure) and one value per month.
* :class:`BudgetLine` + :class:`BudgetMonth` (O11, budget): the year's plan by line and, per
  month, the planned and the actual spending.
* :class:`FundQuarter` (O12, the investigation fund): allocation and spending per fiscal quarter.
* :class:`RecordsSettings`: the day of the following month by which a month's documents are due,
  and whether the human-readable documents (PDF, Word) of every record kind and of procurement
  print Thai digits (the data files never do).

Months are ``"2566-10"`` (Buddhist-era year-month), quarters ``"q1"`` … ``"q4"``
(``records/periods.py``).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit

DEFAULT_DUE_DAY = 15


class RecordsSettings(BaseModel):
    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="records_settings")
    due_day = models.PositiveSmallIntegerField(
        _("due day of the following month"),
        default=DEFAULT_DUE_DAY,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    thai_digits = models.BooleanField(_("Thai digits in the documents"), default=False)

    class Meta:
        verbose_name = _("records settings")
        verbose_name_plural = _("records settings")

    def __str__(self) -> str:
        return f"{self.unit} ({self.due_day})"


class OperationEntry(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    month = models.CharField(_("month"), max_length=7)
    position = models.PositiveIntegerField(default=0)
    work_area = models.CharField(_("work area"), max_length=300)
    activity = models.CharField(_("project / activity"), max_length=500)
    details = models.TextField(_("details"), blank=True)
    period = models.CharField(_("period"), max_length=200, blank=True)
    section = models.CharField(_("responsible section"), max_length=300, blank=True)

    class Meta:
        ordering = ["month", "position", "created_at"]
        indexes = [models.Index(fields=["unit", "year", "month"])]
        verbose_name = _("operations entry")
        verbose_name_plural = _("operations entries")

    def __str__(self) -> str:
        return f"{self.month} {self.activity[:60]}"


def operation_photo_path(instance: OperationPhoto, filename: str) -> str:
    """Never the uploader's file name: a random name under the unit's folder."""
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(
        instance.content_type, "bin"
    )
    return f"records/{instance.entry.unit_id}/{instance.id}.{extension}"


class OperationPhoto(BaseModel):
    entry = models.ForeignKey(OperationEntry, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=operation_photo_path, max_length=300)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["entry", "created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.original_name or str(self.id)


class StatSeries(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("series"), max_length=200)
    category = models.CharField(_("category"), max_length=200, blank=True)
    measure = models.CharField(_("unit of measure"), max_length=60, blank=True)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "name"], name="records_series_unique")
        ]
        verbose_name = _("statistics series")
        verbose_name_plural = _("statistics series")

    def __str__(self) -> str:
        return self.name


class StatValue(BaseModel):
    series = models.ForeignKey(StatSeries, on_delete=models.CASCADE, related_name="values")
    month = models.CharField(_("month"), max_length=7)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["series", "month"]
        constraints = [
            models.UniqueConstraint(fields=["series", "month"], name="records_value_unique")
        ]
        verbose_name = _("statistics value")
        verbose_name_plural = _("statistics values")

    def __str__(self) -> str:
        return f"{self.series_id} {self.month} {self.value}"


class BudgetLine(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("budget line"), max_length=300)
    category = models.CharField(_("budget category"), max_length=200, blank=True)
    planned = models.DecimalField(_("planned for the year"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "name"], name="records_line_unique")
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.name


class BudgetMonth(BaseModel):
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="months")
    month = models.CharField(_("month"), max_length=7)
    planned = models.DecimalField(_("planned"), max_digits=16, decimal_places=2, default=0)
    spent = models.DecimalField(_("spent"), max_digits=16, decimal_places=2, default=0)

    class Meta:
        ordering = ["line", "month"]
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="records_budget_month_unique")
        ]
        verbose_name = _("budget month")
        verbose_name_plural = _("budget months")

    def __str__(self) -> str:
        return f"{self.line_id} {self.month}"


class FundQuarter(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    quarter = models.CharField(_("quarter"), max_length=2)
    allocated = models.DecimalField(_("allocated"), max_digits=16, decimal_places=2, default=0)
    spent = models.DecimalField(_("spent"), max_digits=16, decimal_places=2, default=0)
    cases = models.PositiveIntegerField(_("cases"), default=0)
    details = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter"], name="records_fund_quarter_unique"
            )
        ]
        verbose_name = _("fund quarter")
        verbose_name_plural = _("fund quarters")

    def __str__(self) -> str:
        return f"{self.year} {self.quarter}"


class ReminderSent(BaseModel):
    """A reminder e-mailed for one unit, record kind and period: at most one of each stage."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=40)
    period = models.CharField(max_length=7)
    stage = models.CharField(max_length=10)  # "before" | "after"
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "period", "stage"],
                name="records_reminder_once_per_period",
            )
        ]
        verbose_name = _("records reminder")
        verbose_name_plural = _("records reminders")

    def __str__(self) -> str:
        return f"{self.kind} {self.period} {self.stage}"

"""A unit's assessment for one framework and fiscal year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.frameworks.models import Framework
from prongsai.organizations.models import Unit


class Assessment(BaseModel):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        COLLECTING = "collecting", _("Collecting")
        UNDER_REVIEW = "under_review", _("Under review")
        FINAL = "final", _("Final")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREPARING)
    headcount_internal = models.PositiveIntegerField(
        _("internal staff (IIT population)"), null=True, blank=True
    )
    headcount_external = models.PositiveIntegerField(
        _("external service users (EIT population)"), null=True, blank=True
    )
    # Bumped (in the writer's transaction) whenever something the score depends on changes;
    # the scoring snapshot records the version it was computed from.
    inputs_version = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["unit__path", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="assessment_unit_year")
        ]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def framework_year_differs(self) -> bool:
        """True when the framework was written for another fiscal year (e.g. 2569's for 2570)."""
        return self.framework.year != self.year

    def headcount(self, instrument: str) -> int | None:
        if instrument == "IIT":
            return self.headcount_internal
        if instrument == "EIT":
            return self.headcount_external
        return None

    def target(self, instrument: str) -> int | None:
        """Minimum respondents, from the headcount by the framework's sample rule."""
        return self.framework.spec.sample_target(instrument, self.headcount(instrument))

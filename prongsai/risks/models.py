"""The bribery-risk register (การประเมินความเสี่ยงต่อการรับสินบน, OIT O19/O20) of one assessment.

A :class:`Register` per unit and fiscal year (its assessment) holds the **processes** where
authority is used, their **risk events** (with the existing controls, likelihood and impact on
the register's scheme), the **treatments** planned for each event and their **follow-ups** per
round (6 and 12 months), with residual likelihood and impact, photos and links. A treatment's
status follows its latest follow-up and its overdue state comes from the product's one
progress rule (``prongsai/core/progress.py``), the same as the measures plan's rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.models import Assessment
from prongsai.core.models import BaseModel
from prongsai.measures.models import Status

__all__ = ["FollowUp", "FollowUpPhoto", "Process", "Register", "RiskEvent", "RiskType", "Round"]
__all__ += ["Status", "Treatment"]


def _empty_list() -> list[str]:
    return []


def _empty_dict() -> dict[str, object]:
    return {}


class RiskType(models.TextChoices):
    PERMIT = "permit", _("Permits and approvals")
    AUTHORITY = "authority", _("Use of authority")
    BUDGET = "budget", _("Budget and resources")
    BRIBES = "bribes", _("Giving or taking bribes")


class Round(models.IntegerChoices):
    SIX = 6, _("6-month round")
    TWELVE = 12, _("12-month round")


class Register(BaseModel):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="risk_register"
    )
    # The scoring scheme the register was opened with (schemes.scheme_data), kept with it.
    scheme = models.JSONField(_("risk criteria"), default=_empty_dict)
    # Where it started: "" (empty), "template:<name>" or "copy:<year>".
    origin = models.CharField(max_length=40, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("risk register")
        verbose_name_plural = _("risk registers")

    def __str__(self) -> str:
        return f"{self.assessment}"


class Process(BaseModel):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="processes")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("process"), max_length=300)
    section = models.CharField(_("section"), max_length=200, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    authority_step = models.TextField(_("step where authority is used"), blank=True)

    class Meta:
        ordering = ["register", "position", "created_at"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self) -> str:
        return self.name


class RiskEvent(BaseModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="events")
    position = models.PositiveIntegerField(default=0)
    description = models.TextField(_("risk event or behaviour"))
    cause = models.TextField(_("cause"), blank=True)
    risk_type = models.CharField(_("risk type"), max_length=20, choices=RiskType.choices)
    controls = models.TextField(_("existing controls"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    impact = models.PositiveSmallIntegerField(_("impact"))

    class Meta:
        ordering = ["process", "position", "created_at"]
        verbose_name = _("risk event")
        verbose_name_plural = _("risk events")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        return int(self.likelihood) * int(self.impact)


class Treatment(BaseModel):
    event = models.ForeignKey(RiskEvent, on_delete=models.CASCADE, related_name="treatments")
    position = models.PositiveIntegerField(default=0)
    measure = models.TextField(_("measure"))
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risk_treatments",
        verbose_name=_("responsible user"),
    )
    owner_position = models.CharField(_("responsible position"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    kpi = models.CharField(_("indicator (KPI)"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )

    class Meta:
        ordering = ["event", "position", "created_at"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatments")

    def __str__(self) -> str:
        return self.measure[:80]

    @property
    def owner_label(self) -> str:
        parts = [self.owner_position] if self.owner_position else []
        if self.owner_user is not None:
            parts.append(self.owner_user.get_full_name() or self.owner_user.get_username())
        return " · ".join(parts)


class FollowUp(BaseModel):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="followups")
    round = models.PositiveSmallIntegerField(_("round"), choices=Round.choices)
    date = models.DateField(_("date"))
    done = models.TextField(_("what was done"))
    result = models.TextField(_("result"), blank=True)
    status = models.CharField(_("status after this"), max_length=20, choices=Status.choices)
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"), null=True, blank=True
    )
    residual_impact = models.PositiveSmallIntegerField(_("residual impact"), null=True, blank=True)
    links = models.JSONField(_("links"), default=_empty_list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64)

    class Meta:
        ordering = ["treatment", "date", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["treatment", "idempotency_key"], name="risk_followup_idempotent"
            )
        ]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.done[:60]}"


def photo_path(instance: FollowUpPhoto, filename: str) -> str:
    """Never the uploader's file name: a random name under the register's folder."""
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(
        instance.content_type, "bin"
    )
    return (
        f"risks/{instance.followup.treatment.event.process.register_id}/{instance.id}.{extension}"
    )


class FollowUpPhoto(BaseModel):
    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=300)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["followup", "created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.original_name or str(self.id)

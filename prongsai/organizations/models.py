"""The unit tree and who holds which role in which unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel

from .duties import Role, role_choices, role_label


class Unit(BaseModel):
    """An agency or sub-unit. Any depth: bureau → division → provincial office → …

    ``path`` is the materialised chain of slugs (``/immigration-bureau/division-4/kalasin/``) so a
    subtree is one indexed prefix query; services keep it in step with ``parent`` and ``slug``.
    """

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        BUREAU = "bureau", _("Bureau")
        DIVISION = "division", _("Division")
        OFFICE = "office", _("Office")
        CHECKPOINT = "checkpoint", _("Checkpoint")
        OTHER = "other", _("Other")

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    slug = models.SlugField(max_length=60, unique=True)
    path = models.CharField(max_length=1000, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name_th = models.CharField(_("short name (Thai)"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    require_head_approval = models.BooleanField(
        _("head approves OIT items before submission"), default=False
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name_th

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th

    def is_descendant_of(self, other: Unit) -> bool:
        return self.path.startswith(other.path)

    def ancestor_slugs(self) -> list[str]:
        return [part for part in self.path.split("/") if part][:-1]


# The roles and their rules (who grants them, which exclude which) live in duties.py, one
# registry that later apps add their roles to.
__all__ = ["Membership", "PendingGrant", "Role", "Unit"]


class Membership(BaseModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=40, choices=role_choices)
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role")
        ]
        ordering = ["unit__path", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.role_display} @ {self.unit}"

    @property
    def role_display(self) -> str:
        return role_label(self.role)


class PendingGrant(BaseModel):
    """A role a unit admin asked to give that someone else must confirm (the head role: the
    unit's head confirms; see duties.py). Confirming creates the membership."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="pending_grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_grants"
    )
    role = models.CharField(max_length=40, choices=role_choices)
    rank = models.CharField(_("rank"), max_length=60, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=models.Q(state="pending"),
                name="pending_grant_one_open_request",
            )
        ]
        ordering = ["-created_at"]
        verbose_name = _("pending grant")
        verbose_name_plural = _("pending grants")

    def __str__(self) -> str:
        return f"{self.user} — {self.role_display} @ {self.unit} ({self.state})"

    @property
    def role_display(self) -> str:
        return role_label(self.role)

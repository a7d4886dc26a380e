"""The unit tree and who holds which role in which unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel


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


class Role(models.TextChoices):
    ADMIN = "admin", _("Unit admin (ITA working group)")
    EDITOR = "editor", _("Editor")
    HEAD = "head", _("Head (approves, signs)")
    EVALUATOR = "evaluator", _("Evaluator")
    VIEWER = "viewer", _("Viewer (parent organisation)")


# Roles that reach the whole subtree below the unit they are held in; the others apply to that
# unit only. A parent organisation's admin manages its units' members; an evaluator's scope is a
# subtree; a viewer at a bureau sees all of its units.
SUBTREE_ROLES = frozenset({Role.ADMIN, Role.EVALUATOR, Role.VIEWER})


class Membership(BaseModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
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
        return f"{self.user} — {self.get_role_display()} @ {self.unit}"

"""Personal API tokens: a user's key to the REST API (``/api/v1/``).

The token itself is shown once, when it is made; only a keyed digest of it is stored (HMAC with
``SECRET_KEY``, as the IIT codes and complaint receipts are looked up), with the first characters
kept to tell tokens apart on the settings page. A token acts for its user with the user's roles,
never more: ``scope`` read or read-write, optionally only inside one unit's subtree.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class Scope(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read-write", _("Read and write")


class ApiToken(BaseModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.READ)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("only inside this unit's subtree"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.READ_WRITE


class ManifestCache(models.Model):
    """The last disclosure manifest built for an assessment in one language, with the version
    of what it was built from (``manifest_cache.manifest_version``): every app server reads the
    same rows, and a change to the evidence, checks or publications gives a new version, so a
    stale body is never served."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=10)
    version = models.CharField(max_length=64)
    body = models.BinaryField()
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "language"], name="api_manifest_cache_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.language} {self.version[:8]}"

"""Generated documents: every file the product writes for someone (reports, code slips, posters,
appeal packs, exports, and the registers and statistics to come).

A request becomes a row (``queued``); a django-tasks worker renders it (``running``) and stores
the file with its SHA-256 (``ready``) or a Thai message (``failed``, retried on request). Rows
belong to a unit, on which the kind's access rule is checked before anyone sees or downloads
them. ``kind`` names a renderer in the registry (``registry.py``); ``params`` are what it needs,
JSON only. While a request is pending, an identical one (same kind, parameters and language:
``request_key``) reuses it instead of rendering twice; a partial unique constraint holds this
across app servers.

A *frozen* document (a published version) keeps its file for good: it is never re-rendered and
never removed by the retention rule.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("document status", "Waiting in line")
    RUNNING = "running", pgettext_lazy("document status", "Being prepared")
    READY = "ready", pgettext_lazy("document status", "Ready")
    FAILED = "failed", pgettext_lazy("document status", "Could not be prepared")


PENDING = (DocumentStatus.QUEUED, DocumentStatus.RUNNING)


def _storage_name(instance: GeneratedDocument, filename: str) -> str:
    # Never the user-facing name: the stored file is named by the row's random id.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"documents/{timezone.now():%Y/%m}/{instance.pk}.{extension}"


class GeneratedDocument(BaseModel):
    kind = models.CharField(_("kind"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(max_length=10, default="th")
    # The site's address the request came in on (core/site.py): the worker builds the
    # document's absolute links (QR codes, public addresses) on it. Empty: SITE_URL's.
    site_url = models.CharField(max_length=200, blank=True, default="")
    # sha256 of (kind, canonical params, language, site address): identical requests share one pending row.
    request_key = models.CharField(max_length=64, db_index=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=_storage_name, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    # Stored Fernet-encrypted (core/encryption.py): the file holds secrets (e.g. IIT codes).
    encrypted = models.BooleanField(default=False)
    # For kinds delivered once (code slips): when the whole file was sent; the file is gone.
    delivered_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(_("error"), blank=True)  # Thai, shown to the people who asked
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request_key"],
                condition=Q(status__in=["queued", "running"]),
                name="document_one_pending_per_request",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "kind", "-created_at"], name="document_unit_kind"),
            models.Index(fields=["status", "finished_at"], name="document_status_finished"),
        ]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"slug": self.unit.slug, "document_id": self.pk})

    @property
    def file_url(self) -> str:
        return reverse("documents:file", kwargs={"slug": self.unit.slug, "document_id": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING and not self.is_stale

    @property
    def is_stale(self) -> bool:
        """Running for longer than any render takes: its worker died (killed, restarted)."""
        if self.status != DocumentStatus.RUNNING or self.started_at is None:
            return False
        limit = dt.timedelta(seconds=settings.DOCUMENTS_RENDER_TIMEOUT)
        return timezone.now() - self.started_at > limit

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY and bool(self.file) and not self.delivered_at

    @property
    def can_retry(self) -> bool:
        # A published version that failed (or whose worker died) is rendered again: it has no
        # file yet; a ready one, frozen or not, never is.
        return self.status == DocumentStatus.FAILED or self.is_stale

"""Published versions: one row per version of one period's document of a series, per format.

A publication points at a frozen generated document (its file and SHA-256 kept for good). A
correction publishes a new version; the old one stays, marked superseded, and keeps its URL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.documents.models import DocumentStatus, GeneratedDocument
from prongsai.organizations.models import Unit


class Publication(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="publications")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    series = models.CharField(_("series"), max_length=60)
    period = models.CharField(_("period"), max_length=10)
    fmt = models.CharField(_("format"), max_length=10)
    version = models.PositiveSmallIntegerField(_("version"))
    document = models.ForeignKey(
        GeneratedDocument, on_delete=models.PROTECT, related_name="publications"
    )
    item_code = models.CharField(max_length=20, blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)

    class Meta:
        ordering = ["series", "period", "fmt", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "series", "period", "fmt", "version"],
                name="publication_one_version_number",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "year", "series"], name="publication_unit_series"),
            models.Index(fields=["unit", "year", "item_code"], name="publication_unit_item"),
        ]
        verbose_name = _("published document")
        verbose_name_plural = _("published documents")

    def __str__(self) -> str:
        return f"{self.series} {self.year} {self.period} v{self.version}.{self.fmt}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    @property
    def is_ready(self) -> bool:
        return self.document.status == DocumentStatus.READY and bool(self.document.file)

"""A unit's own metadata for one of its datasets (a publication series), over the series'
defaults (``metadata.py``): only the values the unit changed are stored."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


def _empty() -> dict[str, str]:
    return {}


class DatasetMetadata(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="dataset_metadata")
    series = models.CharField(_("series"), max_length=60)
    values = models.JSONField(_("metadata"), default=_empty, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "series"], name="dataset_metadata_once")
        ]
        verbose_name = _("dataset metadata")
        verbose_name_plural = _("dataset metadata")

    def __str__(self) -> str:
        return f"{self.unit} {self.series}"

"""Frameworks as data: one row per (id, version), with the tree the workspace links to.

The definition dict (validated YAML) is stored whole in ``definition`` and is the source of truth
for the calculator and survey forms (``Framework.spec``); the rows below mirror the OIT tree so
evidence and reviews can point at items and criteria with foreign keys.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel

from .spec import FrameworkSpec

_SPEC_CACHE: dict[tuple[Any, str], FrameworkSpec] = {}


class Framework(BaseModel):
    class Status(models.TextChoices):
        OFFICIAL = "official", _("Official")
        RECONSTRUCTED = "reconstructed", _("Reconstructed (to be completed)")
        DRAFT = "draft", _("Draft")
        # From a secondary source, used before the NACC publishes the year's manual: every page
        # that uses it says so (frameworks/_status_notice.html).
        PROVISIONAL = "provisional", _("Provisional (to be confirmed)")

    code = models.CharField(max_length=60, db_index=True)
    version = models.PositiveIntegerField(default=1)
    year = models.PositiveSmallIntegerField(help_text=_("Buddhist-era fiscal year"))
    variant = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=Status.choices)
    title_th = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300)
    definition = models.JSONField()
    checksum = models.CharField(max_length=64)
    source_name = models.CharField(max_length=300, blank=True)
    carry_forward_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_into"
    )

    class Meta:
        ordering = ["-year", "variant", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_code_version")
        ]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def is_official(self) -> bool:
        return self.status == self.Status.OFFICIAL

    @property
    def is_provisional(self) -> bool:
        return self.status == self.Status.PROVISIONAL

    @property
    def spec(self) -> FrameworkSpec:
        key = (self.pk, self.checksum)
        spec = _SPEC_CACHE.get(key)
        if spec is None:
            spec = FrameworkSpec.from_definition(self.definition)
            _SPEC_CACHE[key] = spec
        return spec


class Indicator(BaseModel):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=40)
    instrument = models.CharField(max_length=3)
    title_th = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"


class SubIndicator(BaseModel):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="sub_indicators"
    )
    code = models.CharField(max_length=40)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="sub_indicators"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title_th = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="subindicator_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"


class Item(BaseModel):
    """An OIT disclosure item (O1 … O24)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=40)
    stable_id = models.CharField(max_length=120, db_index=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="items")
    sub_indicator = models.ForeignKey(SubIndicator, on_delete=models.CASCADE, related_name="items")
    title_th = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="item_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"

    @property
    def criteria_pending(self) -> bool:
        """Reconstructed frameworks may list items whose criteria are still to be written."""
        return not self.criteria.exists()


class Criterion(BaseModel):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(max_length=40)
    stable_id = models.CharField(max_length=120, db_index=True)
    text_th = models.TextField()
    text_en = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "code"], name="criterion_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text_th[:60]}"

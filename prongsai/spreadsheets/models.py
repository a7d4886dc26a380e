"""Column mappings a unit chose once, so that its next file of the same layout maps itself."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class ColumnMapping(BaseModel):
    """ "In this unit's files of this kind, the column headed ``header`` is ``target``."

    ``header`` is the normalised header text (``headers.normalize_header``), so spacing, digits and
    punctuation variants of one header share one mapping; ``target`` is a field key of the
    import's field set, ``+note`` or ``+ignore``.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="column_mappings")
    kind = models.CharField(_("import kind"), max_length=60)
    header = models.CharField(_("column header"), max_length=300)
    header_as_written = models.CharField(_("column header (as written)"), max_length=300)
    target = models.CharField(_("mapped to"), max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "header"], name="column_mapping_unit_kind_header"
            )
        ]
        ordering = ["unit", "kind", "header"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return f"{self.kind}: {self.header_as_written} → {self.target}"

"""Reads of remembered column mappings."""

from __future__ import annotations

from prongsai.organizations.models import Unit

from .models import ColumnMapping


def remembered_mappings(*, unit: Unit, kind: str) -> dict[str, str]:
    """Normalised header → target, as this unit last chose for this kind of import."""
    return dict(ColumnMapping.objects.filter(unit=unit, kind=kind).values_list("header", "target"))

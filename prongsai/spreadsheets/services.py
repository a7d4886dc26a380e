"""Writes of remembered column mappings (one per state change, audited)."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from prongsai.core.audit import audit_record
from prongsai.organizations.models import Unit

from .headers import ColumnMatch, FieldSet, How
from .models import ColumnMapping


@transaction.atomic
def column_mappings_remember(
    *,
    actor: AbstractBaseUser | str,
    unit: Unit,
    fieldset: FieldSet,
    columns: list[ColumnMatch],
) -> int:
    """Remember the user's choices among ``columns`` (those chosen for this file) for the unit
    and the import kind; returns how many mappings changed. Targets the field set does not know
    are ignored."""
    valid = fieldset.targets()
    chosen: Mapping[str, ColumnMatch] = {
        c.normalized: c for c in columns if c.how == How.CHOSEN and c.target in valid
    }
    if not chosen:
        return 0
    existing = {
        m.header: m
        for m in ColumnMapping.objects.select_for_update().filter(
            unit=unit, kind=fieldset.kind, header__in=list(chosen)
        )
    }
    changed: dict[str, str] = {}
    for header, column in chosen.items():
        mapping = existing.get(header)
        written = column.header[:300]
        if mapping is None:
            ColumnMapping.objects.create(
                unit=unit,
                kind=fieldset.kind,
                header=header[:300],
                header_as_written=written,
                target=column.target,
            )
        elif mapping.target != column.target or mapping.header_as_written != written:
            mapping.target, mapping.header_as_written = column.target, written
            mapping.save(update_fields=["target", "header_as_written", "updated_at"])
        else:
            continue
        changed[written] = column.target
    if changed:
        audit_record(
            actor=actor,
            action="spreadsheets.mapping.remember",
            object_type="spreadsheets.columnmapping",
            object_id=fieldset.kind,
            object_repr=f"{unit.slug} {fieldset.kind}",
            unit_id=unit.pk,
            changes={"kind": fieldset.kind, "columns": changed},
        )
    return len(changed)

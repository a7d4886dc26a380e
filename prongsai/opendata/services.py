"""Writes of the catalogue: a unit's own values for a dataset's metadata (audited)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record
from prongsai.core.text import TextLength, text_problems
from prongsai.organizations.models import Unit
from prongsai.publications.registry import Series

from .metadata import EDITABLE, defaults
from .models import DatasetMetadata


@transaction.atomic
def dataset_metadata_save(
    *, actor: Any, unit: Unit, series: Series, values: Mapping[str, Any]
) -> DatasetMetadata:
    """Keep the values that differ from the series' defaults (a value set back to its default,
    or emptied, follows the default again)."""
    base = defaults(unit, series)
    errors: dict[str, list[str]] = {}
    kept: dict[str, str] = {}
    for key in EDITABLE:
        text = str(values.get(key, "") or "").strip()
        if key != "notes":
            text = " ".join(text.split())
        problems = text_problems(
            text, limit=TextLength.PARAGRAPH if key == "notes" else TextLength.SINGLE_LINE
        )
        if key == "maintainer_email" and text:
            try:
                validate_email(text)
            except ValidationError:
                problems.append(_("Enter a valid e-mail address."))
        if problems:
            errors[key] = problems
        if text and text != base.get(key, ""):
            kept[key] = text
    if errors:
        raise ValidationError(errors)
    row, _created = DatasetMetadata.objects.select_for_update().get_or_create(
        unit=unit, series=series.name
    )
    before = dict(row.values)
    row.values = kept
    row.save()
    audit_record(
        actor=actor,
        action="dataset.metadata",
        obj=row,
        object_repr=str(series.title),
        unit_id=unit.pk,
        changes={
            key: [before.get(key, ""), kept.get(key, "")]
            for key in sorted(set(before) | set(kept))
            if before.get(key, "") != kept.get(key, "")
        },
    )
    return row

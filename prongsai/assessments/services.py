"""Writes for assessments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record, changes_between, model_snapshot
from prongsai.frameworks.models import Framework
from prongsai.organizations.models import Unit

from .models import Assessment
from .signals import assessment_opened


@transaction.atomic
def assessment_open(
    *,
    actor: Any,
    unit: Unit,
    framework: Framework,
    headcount_internal: int | None = None,
    headcount_external: int | None = None,
) -> Assessment:
    if Assessment.objects.filter(unit=unit, year=framework.year).exists():
        raise ValidationError(
            _("%(unit)s already has an assessment for %(year)s.")
            % {"unit": unit.name_th, "year": framework.year}
        )
    for value in (headcount_internal, headcount_external):
        if value is not None and value < 0:
            raise ValidationError(_("Headcounts cannot be negative."))
    assessment = Assessment.objects.create(
        unit=unit,
        framework=framework,
        year=framework.year,
        headcount_internal=headcount_internal,
        headcount_external=headcount_external,
    )
    audit_record(
        actor=actor,
        action="assessment.open",
        obj=assessment,
        unit_id=unit.pk,
        changes=model_snapshot(assessment),
    )
    assessment_opened.send(sender=Assessment, assessment=assessment, actor=actor)
    return assessment


@transaction.atomic
def assessment_update(*, actor: Any, assessment: Assessment, **fields: Any) -> Assessment:
    allowed = {"status", "headcount_internal", "headcount_external"}
    if set(fields) - allowed:
        raise TypeError(f"cannot change {sorted(set(fields) - allowed)}")
    if "status" in fields and fields["status"] not in Assessment.Status.values:
        raise ValidationError(_("Unknown status."))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    before = model_snapshot(assessment)
    for name, value in fields.items():
        setattr(assessment, name, value)
    changed_inputs = any(
        name.startswith("headcount") and before.get(name) != value for name, value in fields.items()
    )
    if changed_inputs:
        assessment.inputs_version += 1
    assessment.save()
    changes = changes_between(before, model_snapshot(assessment))
    changes.pop("inputs_version", None)
    if changes:
        audit_record(
            actor=actor,
            action="assessment.update",
            obj=assessment,
            unit_id=assessment.unit_id,
            changes=changes,
        )
    return assessment


def assessment_touch_inputs(*, assessment_id: Any) -> None:
    """Mark the score stale. Call inside the transaction that changed an input."""
    Assessment.objects.filter(pk=assessment_id).update(inputs_version=F("inputs_version") + 1)

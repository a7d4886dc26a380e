"""Writes for assessments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record, changes_between, model_snapshot
from prongsai.core.statements import Statement, execute, execute_all, increment_statement
from prongsai.frameworks.models import Framework
from prongsai.organizations.models import Unit

from .models import Assessment
from .signals import assessment_opened, inputs_changed

# Buddhist-era fiscal years an assessment may have (the framework schema's range).
YEAR_MIN, YEAR_MAX = 2500, 2700


@transaction.atomic
def assessment_open(
    *,
    actor: Actor,
    unit: Unit,
    framework: Framework,
    year: int | None = None,
    headcount_internal: int | None = None,
    headcount_external: int | None = None,
) -> Assessment:
    """Open ``unit``'s assessment of fiscal ``year`` against ``framework``.

    The year and the framework are chosen separately: a framework written for 2569 can serve a
    2570 assessment until the 2570 framework exists (its data periods resolve to the assessment's
    year, see frameworks/periods.py). ``year`` defaults to the framework's own year.
    """
    year = framework.year if year is None else year
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(
            _("Give a Buddhist-era fiscal year between %(low)s and %(high)s.")
            % {"low": YEAR_MIN, "high": YEAR_MAX}
        )
    if Assessment.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _("%(unit)s already has an assessment for %(year)s.")
            % {"unit": unit.name_th, "year": year}
        )
    for value in (headcount_internal, headcount_external):
        if value is not None and value < 0:
            raise ValidationError(_("Headcounts cannot be negative."))
    assessment = Assessment.objects.create(
        unit=unit,
        framework=framework,
        year=year,
        headcount_internal=headcount_internal,
        headcount_external=headcount_external,
    )
    changes = model_snapshot(assessment)
    if year != framework.year:
        changes["framework_year"] = framework.year
    audit_record(
        actor=actor,
        action="assessment.open",
        obj=assessment,
        unit_id=unit.pk,
        changes=changes,
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
    if changed_inputs:
        inputs_changed.send(sender=Assessment, assessment_id=assessment.pk)
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
    execute(assessment_touch_statement(assessment_id=assessment_id))
    inputs_changed.send(sender=Assessment, assessment_id=assessment_id)


def assessment_touch_statement(*, assessment_id: Any) -> Statement:
    """:func:`assessment_touch_inputs` as a prepared statement, for a write path that runs its
    statements together (every survey submission: prongsai/core/statements.py). The caller
    sends ``inputs_changed`` itself (``assessment_inputs_changed``) once they ran."""
    return increment_statement(Assessment, "inputs_version", 1, id=assessment_id)


_NO_FLUSH_WAIT: Statement = ("SET LOCAL synchronous_commit TO OFF", [])


def assessment_touch_on_commit(*, assessment_id: Any) -> None:
    """PostgreSQL: bump the inputs version right after the current transaction commits, in a
    short transaction of its own that does not wait for its WAL flush (a hot write path: every
    survey submission to an assessment bumps the same row; inside the submission's transaction
    the row stayed locked until that commit had reached the disk, so submissions queued).

    Safe for the snapshots keyed by the version: the bump comes after the change it marks (a
    snapshot computed in between already includes it), and the change's transaction asked for
    a snapshot (``inputs_changed``), so a bump lost in a database crash (asynchronous commit:
    its last fraction of a second) is made good by that snapshot's recomputation. Callbacks run
    in order: call this before sending ``inputs_changed``. A failure is logged, never raised
    (the change is already committed)."""
    transaction.on_commit(lambda: _touch_now(assessment_id), robust=True)


def _touch_now(assessment_id: Any) -> None:
    with transaction.atomic():
        execute_all([_NO_FLUSH_WAIT, assessment_touch_statement(assessment_id=assessment_id)])


def assessment_inputs_changed(*, assessment_id: Any) -> None:
    """Tell the apps above that the score's inputs changed (after a prepared touch statement)."""
    inputs_changed.send(sender=Assessment, assessment_id=assessment_id)

"""Counting the evidence room against the register: each item the register holds in store is
looked for and its seal read; what is in the room but not in store in the register is added.
Closing keeps the figures: missing, unexpected, seal broken."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.organizations.models import Unit

from ..models import Reconciliation, ReconciliationLine, RoomCheck
from ..selectors import evidence_states
from ..state import Status


@transaction.atomic
def reconciliation_start(
    *, actor: Actor, unit: Unit, held_on: dt.date, counted_by: str
) -> Reconciliation:
    if not counted_by.strip():
        raise ValidationError(_("Say who counts."), code="required")
    reconciliation = Reconciliation.objects.create(
        unit=unit, held_on=held_on, counted_by=counted_by.strip()
    )
    in_store = [s for s in evidence_states(unit) if s.status == Status.IN_STORE]
    ReconciliationLine.objects.bulk_create(
        [
            ReconciliationLine(
                reconciliation=reconciliation,
                item=state.item,
                expected_seal=state.seal_number,
                expected_place=state.storage_place,
                description=f"#{state.number} {state.case_number}: {state.description}"[:500],
            )
            for state in in_store
        ]
    )
    audit_record(
        actor=actor,
        action="custody.reconciliation_start",
        obj=reconciliation,
        unit_id=unit.pk,
        changes={"held_on": held_on, "count": len(in_store)},
    )
    return reconciliation


def _open(reconciliation: Reconciliation) -> Reconciliation:
    reconciliation = (
        Reconciliation.objects.select_for_update().select_related("unit").get(pk=reconciliation.pk)
    )
    if reconciliation.is_closed:
        raise ValidationError(_("This reconciliation is closed."), code="closed")
    return reconciliation


@transaction.atomic
def reconciliation_check(
    *,
    actor: Actor,
    line: ReconciliationLine,
    seal_seen: str,
    present: bool,
    seal_broken: bool = False,
    note: str = "",
) -> ReconciliationLine:
    """Record one expected item: present or not, the seal number read on it, and whether the
    seal itself is broken (a number that differs from the register's counts as broken too)."""
    reconciliation = _open(line.reconciliation)
    line = ReconciliationLine.objects.select_for_update().get(
        pk=line.pk, reconciliation=reconciliation, item__isnull=False
    )
    seal_seen = seal_seen.strip()
    if present and not seal_seen:
        raise ValidationError(_("Read the seal number on the item."), code="seal")
    if not present:
        check = RoomCheck.MISSING
    elif seal_broken or seal_seen != line.expected_seal:
        check = RoomCheck.SEAL_BROKEN
    else:
        check = RoomCheck.PRESENT
    line.result, line.seal_seen, line.note = check, seal_seen, note.strip()
    line.save(update_fields=["result", "seal_seen", "note", "updated_at"])
    audit_record(
        actor=actor,
        action="custody.reconciliation_check",
        obj=reconciliation,
        unit_id=reconciliation.unit_id,
        changes={"item": line.description[:80], "check": check, "seal_seen": seal_seen},
    )
    return line


@transaction.atomic
def reconciliation_add_unexpected(
    *, actor: Actor, reconciliation: Reconciliation, description: str, seal_seen: str = ""
) -> ReconciliationLine:
    reconciliation = _open(reconciliation)
    if not description.strip():
        raise ValidationError(_("Describe what was found."), code="required")
    line = ReconciliationLine.objects.create(
        reconciliation=reconciliation,
        description=description.strip()[:500],
        result=RoomCheck.UNEXPECTED,
        seal_seen=seal_seen.strip(),
    )
    audit_record(
        actor=actor,
        action="custody.reconciliation_unexpected",
        obj=reconciliation,
        unit_id=reconciliation.unit_id,
        changes={"description": line.description, "seal_seen": line.seal_seen},
    )
    return line


@transaction.atomic
def reconciliation_close(*, actor: Actor, reconciliation: Reconciliation) -> Reconciliation:
    reconciliation = _open(reconciliation)
    lines = list(reconciliation.lines.all())
    unchecked = [line for line in lines if not line.result]
    if unchecked:
        raise ValidationError(
            _("%(n)s items have not been checked yet; the reconciliation cannot be closed.")
            % {"n": len(unchecked)},
            code="unchecked",
        )
    summary = {
        "expected": sum(1 for line in lines if line.item_id),
        "present": sum(1 for line in lines if line.result == RoomCheck.PRESENT),
        "missing": sum(1 for line in lines if line.result == RoomCheck.MISSING),
        "seal_broken": sum(1 for line in lines if line.result == RoomCheck.SEAL_BROKEN),
        "unexpected": sum(1 for line in lines if line.result == RoomCheck.UNEXPECTED),
    }
    reconciliation.summary = summary
    reconciliation.closed_at = timezone.now()
    reconciliation.save(update_fields=["summary", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="custody.reconciliation_close",
        obj=reconciliation,
        unit_id=reconciliation.unit_id,
        changes=summary,
    )
    return reconciliation

"""The property register: items, loans (issue and return), periodic counts, the unit's settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record, changes_between, model_snapshot
from prongsai.organizations.models import Unit

from ..models import (
    Condition,
    CountLine,
    CountSession,
    CustodySettings,
    Finding,
    Loan,
    PropertyClass,
    PropertyItem,
)
from ..procedures import DEFAULTS

ITEM_FIELDS = (
    "item_class",
    "identifier",
    "name",
    "serial_number",
    "location",
    "custodian",
    "condition",
    "acquired_on",
    "notes",
)
SETTINGS_FIELDS = tuple(DEFAULTS)


def _audit(actor: Actor, action: str, obj: Any, unit: Unit, **changes: Any) -> None:
    audit_record(actor=actor, action=action, obj=obj, unit_id=unit.pk, changes=changes)


def _check_class(item_class: str) -> None:
    if item_class not in PropertyClass.values:
        raise ValidationError(_("Choose a class of property."), code="class")


def _check_condition(condition: str, *, blank: bool = False) -> None:
    if (condition or not blank) and condition not in Condition.values:
        raise ValidationError(_("Choose a condition."), code="condition")


# --- settings --------------------------------------------------------------------------------
def settings_of(unit: Unit) -> CustodySettings:
    """The unit's settings; unsaved defaults (procedures.py) when it has set none."""
    found = CustodySettings.objects.filter(unit=unit).first()
    return found or CustodySettings(unit=unit, **DEFAULTS)


@transaction.atomic
def settings_save(*, actor: Actor, unit: Unit, values: dict[str, Any]) -> CustodySettings:
    current = CustodySettings.objects.select_for_update().filter(unit=unit).first()
    before = model_snapshot(current, SETTINGS_FIELDS) if current else {}
    target = current or CustodySettings(unit=unit, **DEFAULTS)
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(target, name, values[name])
    if getattr(actor, "pk", None) is not None:
        target.updated_by = actor  # type: ignore[assignment]
    target.full_clean(exclude=["unit", "updated_by"])
    target.save()
    _audit(
        actor,
        "custody.settings_save",
        target,
        unit,
        **changes_between(before, model_snapshot(target, SETTINGS_FIELDS)),
    )
    return target


# --- items -----------------------------------------------------------------------------------
def _identifier_free(unit: Unit, identifier: str, *, other_than: Any = None) -> None:
    taken = PropertyItem.objects.filter(unit=unit, identifier=identifier)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    if taken.exists():
        raise ValidationError(
            _("Another item of the unit already has the identifier %(identifier)s.")
            % {"identifier": identifier},
            code="identifier",
        )


@transaction.atomic
def property_item_add(
    *,
    actor: Actor,
    unit: Unit,
    item_class: str,
    identifier: str,
    name: str,
    location: str,
    custodian: str,
    condition: str = Condition.GOOD,
    serial_number: str = "",
    acquired_on: dt.date | None = None,
    notes: str = "",
) -> PropertyItem:
    _check_class(item_class)
    _check_condition(condition)
    identifier = identifier.strip()
    if not identifier or not name.strip():
        raise ValidationError(_("An item needs an identifier and a name."), code="required")
    _identifier_free(unit, identifier)
    item = PropertyItem.objects.create(
        unit=unit,
        item_class=item_class,
        identifier=identifier,
        name=name.strip(),
        serial_number=serial_number.strip(),
        location=location.strip(),
        custodian=custodian.strip(),
        condition=condition,
        acquired_on=acquired_on,
        notes=notes.strip(),
    )
    _audit(actor, "custody.item_add", item, unit, **model_snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def property_item_update(
    *, actor: Actor, item: PropertyItem, values: dict[str, Any]
) -> PropertyItem:
    item = PropertyItem.objects.select_for_update().get(pk=item.pk)
    before = model_snapshot(item, ITEM_FIELDS)
    for name in ITEM_FIELDS:
        if name in values:
            value = values[name]
            setattr(item, name, value.strip() if isinstance(value, str) else value)
    _check_class(item.item_class)
    _check_condition(item.condition)
    if not item.identifier or not item.name:
        raise ValidationError(_("An item needs an identifier and a name."), code="required")
    _identifier_free(item.unit, item.identifier, other_than=item.pk)
    item.save()
    changes = changes_between(before, model_snapshot(item, ITEM_FIELDS))
    if changes:
        _audit(actor, "custody.item_update", item, item.unit, **changes)
    return item


# --- loans -----------------------------------------------------------------------------------
@transaction.atomic
def loan_issue(
    *,
    actor: Actor,
    item: PropertyItem,
    borrower: str,
    purpose: str,
    approver: str,
    issued_on: dt.date,
    due_on: dt.date,
) -> Loan:
    item = PropertyItem.objects.select_for_update().get(pk=item.pk)
    if Loan.objects.filter(item=item, returned_on__isnull=True).exists():
        raise ValidationError(
            _("%(item)s is already out on loan; record its return first.") % {"item": item},
            code="on_loan",
        )
    if not (borrower.strip() and purpose.strip() and approver.strip()):
        raise ValidationError(
            _("A loan needs the borrower, the purpose and who approved it."), code="required"
        )
    if due_on < issued_on:
        raise ValidationError(_("The due date is before the day of issue."), code="due")
    loan = Loan.objects.create(
        item=item,
        borrower=borrower.strip(),
        purpose=purpose.strip(),
        approver=approver.strip(),
        issued_on=issued_on,
        due_on=due_on,
    )
    _audit(
        actor,
        "custody.loan_issue",
        loan,
        item.unit,
        item=item.identifier,
        borrower=loan.borrower,
        approver=loan.approver,
        issued_on=issued_on,
        due_on=due_on,
    )
    return loan


@transaction.atomic
def loan_return(
    *, actor: Actor, loan: Loan, returned_on: dt.date, condition: str, note: str = ""
) -> Loan:
    loan = Loan.objects.select_for_update().select_related("item__unit").get(pk=loan.pk)
    if loan.returned_on is not None:
        raise ValidationError(_("This loan was already returned."), code="returned")
    _check_condition(condition)
    if returned_on < loan.issued_on:
        raise ValidationError(_("The return is dated before the day of issue."), code="date")
    loan.returned_on = returned_on
    loan.return_condition = condition
    loan.return_note = note.strip()
    loan.save(update_fields=["returned_on", "return_condition", "return_note", "updated_at"])
    item = loan.item
    if item.condition != condition:
        item.condition = condition
        item.save(update_fields=["condition", "updated_at"])
    _audit(
        actor,
        "custody.loan_return",
        loan,
        item.unit,
        item=item.identifier,
        returned_on=returned_on,
        condition=condition,
    )
    return loan


# --- counts ----------------------------------------------------------------------------------
@transaction.atomic
def count_start(
    *,
    actor: Actor,
    unit: Unit,
    title: str,
    started_on: dt.date,
    counted_by: str,
    item_class: str = "",
) -> CountSession:
    """A count lists what the register expects now (one line per item)."""
    if item_class:
        _check_class(item_class)
    if not title.strip() or not counted_by.strip():
        raise ValidationError(_("A count needs a title and who counts."), code="required")
    session = CountSession.objects.create(
        unit=unit,
        title=title.strip(),
        item_class=item_class,
        started_on=started_on,
        counted_by=counted_by.strip(),
    )
    items = PropertyItem.objects.filter(unit=unit)
    if item_class:
        items = items.filter(item_class=item_class)
    CountLine.objects.bulk_create(
        [
            CountLine(
                session=session,
                item=item,
                expected_identifier=item.identifier,
                expected_name=item.name,
                expected_location=item.location,
                expected_condition=item.condition,
            )
            for item in items
        ]
    )
    _audit(
        actor,
        "custody.count_start",
        session,
        unit,
        title=session.title,
        item_class=item_class,
        count=len(items),
    )
    return session


def _open_session(session: CountSession) -> CountSession:
    session = CountSession.objects.select_for_update().select_related("unit").get(pk=session.pk)
    if session.is_closed:
        raise ValidationError(_("This count is closed."), code="closed")
    return session


@transaction.atomic
def count_record(
    *,
    actor: Actor,
    line: CountLine,
    finding: str,
    found_location: str = "",
    found_condition: str = "",
) -> CountLine:
    session = _open_session(line.session)
    line = CountLine.objects.select_for_update().get(pk=line.pk, session=session)
    allowed = [f for f in Finding.values if f != Finding.UNEXPECTED] if line.item_id else []
    if finding not in allowed:
        raise ValidationError(_("Choose what was found."), code="finding")
    _check_condition(found_condition, blank=True)
    if finding == Finding.ELSEWHERE and not found_location.strip():
        raise ValidationError(_("Say where the item was found."), code="location")
    if finding == Finding.CONDITION and not found_condition:
        raise ValidationError(_("Say in what condition the item was found."), code="condition")
    line.finding = finding
    line.found_location = found_location.strip()
    line.found_condition = found_condition
    if not line.is_discrepancy:
        line.resolution, line.resolved_at = "", None
    line.save()
    _audit(
        actor,
        "custody.count_record",
        session,
        session.unit,
        item=line.expected_identifier,
        finding=finding,
    )
    return line


@transaction.atomic
def count_add_unexpected(
    *, actor: Actor, session: CountSession, description: str, found_location: str
) -> CountLine:
    session = _open_session(session)
    if not description.strip():
        raise ValidationError(_("Describe what was found."), code="required")
    line = CountLine.objects.create(
        session=session,
        expected_name=description.strip(),
        finding=Finding.UNEXPECTED,
        found_location=found_location.strip(),
    )
    _audit(
        actor,
        "custody.count_unexpected",
        session,
        session.unit,
        description=line.expected_name,
        found_location=line.found_location,
    )
    return line


@transaction.atomic
def count_resolve(*, actor: Actor, line: CountLine, resolution: str) -> CountLine:
    session = _open_session(line.session)
    line = CountLine.objects.select_for_update().get(pk=line.pk, session=session)
    if not line.is_discrepancy:
        raise ValidationError(_("This line has no discrepancy to resolve."), code="none")
    if not resolution.strip():
        raise ValidationError(_("Give the reason that resolves the discrepancy."), code="reason")
    line.resolution = resolution.strip()
    line.resolved_at = timezone.now()
    line.save(update_fields=["resolution", "resolved_at", "updated_at"])
    _audit(
        actor,
        "custody.count_resolve",
        session,
        session.unit,
        item=line.expected_identifier or line.expected_name,
        finding=line.finding,
        resolution=line.resolution,
    )
    return line


@transaction.atomic
def count_close(*, actor: Actor, session: CountSession) -> CountSession:
    """Refused (in Thai) while a line is not counted or a discrepancy has no resolution."""
    session = _open_session(session)
    lines = list(session.lines.all())
    uncounted = [line for line in lines if not line.finding]
    if uncounted:
        raise ValidationError(
            _("%(n)s items of this count have not been counted yet; the count cannot be closed.")
            % {"n": len(uncounted)},
            code="uncounted",
        )
    unresolved = [line for line in lines if line.is_unresolved]
    if unresolved:
        raise ValidationError(
            _(
                "The count cannot be closed: %(n)s discrepancies have no resolution "
                "(%(items)s). Record the reason for each first."
            )
            % {"n": len(unresolved), "items": ", ".join(str(line) for line in unresolved[:5])},
            code="unresolved",
        )
    session.closed_at = timezone.now()
    session.save(update_fields=["closed_at", "updated_at"])
    _audit(
        actor,
        "custody.count_close",
        session,
        session.unit,
        count=len(lines),
        discrepancies=sum(line.is_discrepancy for line in lines),
    )
    return session

"""The register of seized evidence: every fact is a new, hash-chained entry (see chain.py).

Nothing here changes or deletes an entry. A mistake is put right with :func:`evidence_correct`,
a new entry that names the one it corrects, the field, the right value and why. Once returned to
its owner or disposed of, an item takes only corrections. Every append writes the entry's hash
into the audit log too. Reads by people who are not the unit's evidence custodians are audited
(:func:`evidence_read_record`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.measures.photos import PreparedPhoto
from prongsai.organizations.models import Unit

from ..chain import lock_register, seal
from ..models import EntryKind, EvidenceEntry, EvidenceItem, EvidencePhoto
from ..state import CORRECTABLE, EvidenceState, Status, state_of

MAX_PHOTOS = 10


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return _jsonable({k: v.strip() if isinstance(v, str) else v for k, v in data.items()})


def _actor_fields(actor: Actor) -> dict[str, Any]:
    if isinstance(actor, str):
        return {"actor_id": None, "actor_label": actor[:200]}
    return {"actor_id": getattr(actor, "pk", None), "actor_label": actor.get_username()[:200]}


def _append(
    *,
    actor: Actor,
    unit: Unit,
    item: EvidenceItem,
    kind: str,
    occurred_on: dt.date,
    data: dict[str, Any],
    photos: Sequence[PreparedPhoto] = (),
    corrects: EvidenceEntry | None = None,
) -> EvidenceEntry:
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("At most %(n)s photos per record.") % {"n": MAX_PHOTOS})
    if occurred_on > timezone.localdate():
        raise ValidationError(_("The date is in the future."), code="future")
    head = lock_register(unit)
    previous = item.entries.order_by("-item_seq").first() if item.pk else None
    digests = [hashlib.sha256(photo.content).hexdigest() for photo in photos]
    content = _clean(data)
    if digests:
        content["photos"] = digests
    entry = EvidenceEntry(
        unit=unit,
        item=item,
        kind=kind,
        occurred_on=occurred_on,
        recorded_at=timezone.now(),
        data=content,
        corrects=corrects,
        **_actor_fields(actor),
    )
    seal(entry, head, previous)
    entry.save()
    head.save()
    for photo, digest in zip(photos, digests, strict=True):
        stored = EvidencePhoto(
            entry=entry,
            content_type=photo.content_type,
            sha256=digest,
            width=photo.width,
            height=photo.height,
        )
        stored.file.save("photo", ContentFile(photo.content), save=False)
        stored.save()
    audit_record(
        actor=actor,
        action=f"custody.evidence_{kind}",
        obj=entry,
        object_repr=f"#{item.number}",
        unit_id=unit.pk,
        changes={
            "entry_hash": entry.hash,
            "register_seq": entry.register_seq,
            "number": item.number,
            "photos": len(digests),
        },
    )
    return entry


def _required(**values: str) -> None:
    if any(not str(value).strip() for value in values.values()):
        raise ValidationError(_("Fill in every required field."), code="required")


def _current(item: EvidenceItem) -> EvidenceState:
    item = EvidenceItem.objects.select_for_update().get(pk=item.pk)
    state = state_of(item, list(item.entries.order_by("item_seq")))
    if state.status in (Status.RETURNED, Status.DISPOSED):
        raise ValidationError(
            _("This evidence has been returned or disposed of; only a correction can be added."),
            code="closed",
        )
    return state


@transaction.atomic
def evidence_intake(
    *,
    actor: Actor,
    unit: Unit,
    case_number: str,
    description: str,
    quantity: str,
    seal_number: str,
    storage_place: str,
    received_by: str,
    received_from: str,
    occurred_on: dt.date,
    photos: Sequence[PreparedPhoto] = (),
) -> EvidenceEntry:
    _required(
        case_number=case_number,
        description=description,
        quantity=quantity,
        seal_number=seal_number,
        storage_place=storage_place,
        received_by=received_by,
    )
    lock_register(unit)
    number = (EvidenceItem.objects.filter(unit=unit).aggregate(n=Max("number"))["n"] or 0) + 1
    item = EvidenceItem.objects.create(unit=unit, number=number)
    return _append(
        actor=actor,
        unit=unit,
        item=item,
        kind=EntryKind.INTAKE,
        occurred_on=occurred_on,
        photos=photos,
        data={
            "case_number": case_number,
            "description": description,
            "quantity": quantity,
            "seal_number": seal_number,
            "storage_place": storage_place,
            "received_by": received_by,
            "received_from": received_from,
        },
    )


@transaction.atomic
def evidence_transfer(
    *,
    actor: Actor,
    item: EvidenceItem,
    from_holder: str,
    to_holder: str,
    reason: str,
    seal_intact: bool,
    occurred_on: dt.date,
    seal_number: str = "",
    storage_place: str = "",
    photos: Sequence[PreparedPhoto] = (),
) -> EvidenceEntry:
    """Custody passes from one person to another. ``storage_place`` given: it goes (back) into
    the evidence room there; else it is out of the room with ``to_holder``. ``seal_number``:
    a new seal put on at the hand-over (else the seal stays)."""
    _required(from_holder=from_holder, to_holder=to_holder, reason=reason)
    state = _current(item)
    return _append(
        actor=actor,
        unit=item.unit,
        item=item,
        kind=EntryKind.TRANSFER,
        occurred_on=occurred_on,
        photos=photos,
        data={
            "from_holder": from_holder,
            "to_holder": to_holder,
            "reason": reason,
            "seal_intact": bool(seal_intact),
            "seal_before": state.seal_number,
            "seal_number": seal_number,
            "storage_place": storage_place,
        },
    )


@transaction.atomic
def evidence_examine(
    *,
    actor: Actor,
    item: EvidenceItem,
    examiner: str,
    result: str,
    order_reference: str,
    occurred_on: dt.date,
    seal_number: str = "",
    photos: Sequence[PreparedPhoto] = (),
) -> EvidenceEntry:
    _required(examiner=examiner, result=result)
    _current(item)
    return _append(
        actor=actor,
        unit=item.unit,
        item=item,
        kind=EntryKind.EXAMINATION,
        occurred_on=occurred_on,
        photos=photos,
        data={
            "examiner": examiner,
            "result": result,
            "order_reference": order_reference,
            "seal_number": seal_number,
        },
    )


@transaction.atomic
def evidence_release(
    *,
    actor: Actor,
    item: EvidenceItem,
    kind: str,
    order_reference: str,
    order_date: dt.date,
    recipient: str,
    method: str,
    occurred_on: dt.date,
    photos: Sequence[PreparedPhoto] = (),
) -> EvidenceEntry:
    """Return to the owner (``recipient``) or disposal (``method``), always with the order that
    authorises it."""
    if kind not in (EntryKind.RETURN, EntryKind.DISPOSAL):
        raise ValidationError(_("Choose return to the owner or disposal."), code="kind")
    if not order_reference.strip():
        raise ValidationError(
            _("Return or disposal needs the order that authorises it."), code="order"
        )
    if kind == EntryKind.RETURN:
        _required(recipient=recipient)
    else:
        _required(method=method)
    if order_date > occurred_on:
        raise ValidationError(_("The order is dated after the release."), code="order_date")
    _current(item)
    return _append(
        actor=actor,
        unit=item.unit,
        item=item,
        kind=kind,
        occurred_on=occurred_on,
        photos=photos,
        data={
            "order_reference": order_reference,
            "order_date": order_date,
            "recipient": recipient if kind == EntryKind.RETURN else "",
            "method": method if kind == EntryKind.DISPOSAL else "",
        },
    )


@transaction.atomic
def evidence_correct(
    *,
    actor: Actor,
    entry: EvidenceEntry,
    field: str,
    value: str,
    reason: str,
) -> EvidenceEntry:
    """A new entry saying that ``field`` of ``entry`` should read ``value``, and why."""
    entry = EvidenceEntry.objects.select_related("item__unit").get(pk=entry.pk)
    if entry.kind == EntryKind.CORRECTION:
        raise ValidationError(_("Correct the original record, not a correction."), code="kind")
    allowed = CORRECTABLE.get(entry.kind, ())
    if field not in allowed:
        raise ValidationError(_("This field cannot be corrected on this record."), code="field")
    _required(value=value, reason=reason)
    EvidenceItem.objects.select_for_update().get(pk=entry.item_id)
    return _append(
        actor=actor,
        unit=entry.item.unit,
        item=entry.item,
        kind=EntryKind.CORRECTION,
        occurred_on=timezone.localdate(),
        corrects=entry,
        data={
            "field": field,
            "old": entry.data.get(field, ""),
            "value": value,
            "reason": reason,
            "corrects_seq": entry.register_seq,
        },
    )


@transaction.atomic
def evidence_read_record(
    *, actor: Actor, unit: Unit, item: EvidenceItem | None = None, what: str = "list"
) -> None:
    """An audit entry for a read of the register by someone outside the custodian role."""
    if item is not None:
        audit_record(
            actor=actor,
            action="custody.evidence_read",
            obj=item,
            object_repr=f"#{item.number}",
            unit_id=unit.pk,
            changes={"read": what},
        )
    else:
        audit_record(
            actor=actor,
            action="custody.evidence_read",
            object_type="custody.evidenceregister",
            object_id=str(unit.pk),
            object_repr=str(unit),
            unit_id=unit.pk,
            changes={"read": what},
        )

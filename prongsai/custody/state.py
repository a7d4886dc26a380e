"""What a piece of seized evidence is now, folded from its entries (pure: entries in, state out).

Corrections are applied to the entry they correct before folding, so the state reads as if the
record had been right, while both the mistake and the correction stay in the register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import EntryKind, EvidenceEntry, EvidenceItem


class Status(StrEnum):
    IN_STORE = "in_store"
    OUT = "out"
    RETURNED = "returned"
    DISPOSED = "disposed"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.IN_STORE: _("In the evidence room"),
    Status.OUT: _("Out of the room"),
    Status.RETURNED: _("Returned to the owner"),
    Status.DISPOSED: _("Disposed of"),
}

# The fields a correction may set, per kind of entry.
CORRECTABLE: dict[str, tuple[str, ...]] = {
    EntryKind.INTAKE: (
        "case_number",
        "description",
        "quantity",
        "seal_number",
        "storage_place",
        "received_by",
        "received_from",
    ),
    EntryKind.TRANSFER: ("from_holder", "to_holder", "reason", "seal_number", "storage_place"),
    EntryKind.EXAMINATION: ("examiner", "result", "order_reference", "seal_number"),
    EntryKind.RETURN: ("order_reference", "recipient"),
    EntryKind.DISPOSAL: ("order_reference", "method"),
}

FIELD_LABELS = {
    "case_number": _("case number"),
    "description": _("description"),
    "quantity": _("quantity"),
    "seal_number": _("seal number"),
    "storage_place": _("storage place"),
    "received_by": _("received by"),
    "received_from": _("received from"),
    "from_holder": _("from"),
    "to_holder": _("to"),
    "reason": _("reason"),
    "examiner": _("examiner"),
    "result": _("result"),
    "order_reference": _("authorising order"),
    "recipient": _("returned to"),
    "method": _("how it was disposed of"),
}


@dataclass
class EvidenceState:
    item: EvidenceItem
    case_number: str = ""
    description: str = ""
    quantity: str = ""
    seal_number: str = ""
    storage_place: str = ""
    holder: str = ""
    received_by: str = ""
    received_on: dt.date | None = None
    status: Status = Status.IN_STORE
    seal_broken_on_transfer: bool = False
    entries: list[EvidenceEntry] = field(default_factory=list)
    corrections: int = 0
    last_on: dt.date | None = None

    @property
    def number(self) -> int:
        return self.item.number

    @property
    def status_label(self) -> str:
        return self.status.label


def effective_data(entries: Iterable[EvidenceEntry]) -> dict[Any, dict[str, Any]]:
    """Each entry's data with the corrections made to it applied (by entry id)."""
    ordered = sorted(entries, key=lambda e: e.register_seq)
    out: dict[Any, dict[str, Any]] = {e.pk: dict(e.data) for e in ordered}
    for entry in ordered:
        if entry.kind == EntryKind.CORRECTION and entry.corrects_id in out:
            out[entry.corrects_id][str(entry.data.get("field"))] = entry.data.get("value", "")
    return out


def state_of(item: EvidenceItem, entries: list[EvidenceEntry]) -> EvidenceState:
    state = EvidenceState(item=item, entries=sorted(entries, key=lambda e: e.item_seq))
    data = effective_data(entries)
    for entry in state.entries:
        values = data[entry.pk]
        state.last_on = entry.occurred_on
        if entry.kind == EntryKind.INTAKE:
            state.case_number = values.get("case_number", "")
            state.description = values.get("description", "")
            state.quantity = values.get("quantity", "")
            state.seal_number = values.get("seal_number", "")
            state.storage_place = values.get("storage_place", "")
            state.received_by = values.get("received_by", "")
            state.holder = state.received_by
            state.received_on = entry.occurred_on
            state.status = Status.IN_STORE
        elif entry.kind == EntryKind.TRANSFER:
            state.holder = values.get("to_holder", "")
            if values.get("seal_number"):
                state.seal_number = values["seal_number"]
            if not values.get("seal_intact", True):
                state.seal_broken_on_transfer = True
            if values.get("storage_place"):
                state.storage_place = values["storage_place"]
                state.status = Status.IN_STORE
            else:
                state.status = Status.OUT
        elif entry.kind == EntryKind.EXAMINATION:
            if values.get("seal_number"):
                state.seal_number = values["seal_number"]
        elif entry.kind == EntryKind.RETURN:
            state.status = Status.RETURNED
            state.holder = values.get("recipient", "")
        elif entry.kind == EntryKind.DISPOSAL:
            state.status = Status.DISPOSED
            state.holder = ""
        elif entry.kind == EntryKind.CORRECTION:
            state.corrections += 1
    return state

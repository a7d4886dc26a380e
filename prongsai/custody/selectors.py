"""Reads for the custody pages and documents."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.organizations.models import Unit

from .models import (
    CountLine,
    CountSession,
    EntryKind,
    EvidenceEntry,
    EvidenceItem,
    Finding,
    Loan,
    PropertyClass,
    PropertyItem,
    Reconciliation,
    RoomCheck,
)
from .state import EvidenceState, state_of


# --- property ----------------------------------------------------------------------------------
def property_items(unit: Unit, item_class: str = "") -> QuerySet[PropertyItem]:
    items = PropertyItem.objects.filter(unit=unit).prefetch_related(
        Prefetch("loans", queryset=Loan.objects.filter(returned_on__isnull=True), to_attr="open")
    )
    if item_class:
        items = items.filter(item_class=item_class)
    return items


def property_item_of(unit: Unit, item_id: Any) -> PropertyItem:
    item = PropertyItem.objects.filter(unit=unit, pk=item_id).first()
    if item is None:
        raise Http404("No such item")
    return item


def loan_of(unit: Unit, loan_id: Any) -> Loan:
    loan = Loan.objects.filter(item__unit=unit, pk=loan_id).select_related("item").first()
    if loan is None:
        raise Http404("No such loan")
    return loan


def overdue_loans(unit: Unit, today: dt.date | None = None) -> QuerySet[Loan]:
    """Loans not returned whose due date has passed, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        Loan.objects.filter(item__unit=unit, returned_on__isnull=True, due_on__lt=today)
        .select_related("item")
        .order_by("due_on")
    )


def open_loans(unit: Unit) -> QuerySet[Loan]:
    return (
        Loan.objects.filter(item__unit=unit, returned_on__isnull=True)
        .select_related("item")
        .order_by("due_on")
    )


def class_counts(unit: Unit) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for item_class in PropertyItem.objects.filter(unit=unit).values_list("item_class", flat=True):
        counts[item_class] += 1
    return [(value, str(label), counts.get(value, 0)) for value, label in PropertyClass.choices]


def count_sessions(unit: Unit) -> QuerySet[CountSession]:
    return CountSession.objects.filter(unit=unit)


def count_of(unit: Unit, count_id: Any) -> CountSession:
    session = CountSession.objects.filter(unit=unit, pk=count_id).first()
    if session is None:
        raise Http404("No such count")
    return session


def count_line_of(session: CountSession, line_id: Any) -> CountLine:
    line = CountLine.objects.filter(session=session, pk=line_id).first()
    if line is None:
        raise Http404("No such line")
    return line


# --- seized evidence -----------------------------------------------------------------------------
def evidence_states(unit: Unit) -> list[EvidenceState]:
    """Every item of the register with its state, the newest number first."""
    items = list(EvidenceItem.objects.filter(unit=unit).order_by("-number"))
    by_item: dict[Any, list[EvidenceEntry]] = defaultdict(list)
    for entry in EvidenceEntry.objects.filter(unit=unit).order_by("register_seq"):
        by_item[entry.item_id].append(entry)
    return [state_of(item, by_item[item.pk]) for item in items]


def evidence_item_of(unit: Unit, seized_id: Any) -> EvidenceItem:
    item = EvidenceItem.objects.filter(unit=unit, pk=seized_id).select_related("unit").first()
    if item is None:
        raise Http404("No such evidence")
    return item


def evidence_state(item: EvidenceItem) -> EvidenceState:
    entries = list(
        item.entries.order_by("item_seq").prefetch_related("photos").select_related("corrects")
    )
    return state_of(item, entries)


def evidence_entry_of(item: EvidenceItem, entry_id: Any) -> EvidenceEntry:
    entry = EvidenceEntry.objects.filter(item=item, pk=entry_id).first()
    if entry is None:
        raise Http404("No such record")
    return entry


def reconciliations(unit: Unit) -> QuerySet[Reconciliation]:
    return Reconciliation.objects.filter(unit=unit)


def reconciliation_of(unit: Unit, reconciliation_id: Any) -> Reconciliation:
    found = Reconciliation.objects.filter(unit=unit, pk=reconciliation_id).first()
    if found is None:
        raise Http404("No such reconciliation")
    return found


# --- the practice report's figures ----------------------------------------------------------------
@dataclass
class PracticeFigures:
    first_day: dt.date
    last_day: dt.date
    counts: list[CountSession]
    counted_lines: int
    discrepancies: list[CountLine]
    loans_issued: int
    loans_returned: int
    overdue: list[Loan]
    intakes: int
    transfers: list[EvidenceEntry]
    seals_broken_on_transfer: int
    examinations: int
    returned: int
    disposed: int
    corrections: int
    reconciliations: list[Reconciliation]

    @property
    def discrepancies_resolved(self) -> int:
        return sum(1 for line in self.discrepancies if line.resolved_at is not None)

    @property
    def room_missing(self) -> int:
        return sum(int(r.summary.get("missing", 0)) for r in self.reconciliations)

    @property
    def room_unexpected(self) -> int:
        return sum(int(r.summary.get("unexpected", 0)) for r in self.reconciliations)

    @property
    def room_seal_broken(self) -> int:
        return sum(int(r.summary.get("seal_broken", 0)) for r in self.reconciliations)


def practice_figures(unit: Unit, first_day: dt.date, last_day: dt.date) -> PracticeFigures:
    counts = list(
        CountSession.objects.filter(
            unit=unit, closed_at__isnull=False, started_on__range=(first_day, last_day)
        ).order_by("started_on")
    )
    lines = list(
        CountLine.objects.filter(session__in=counts).exclude(finding="").select_related("session")
    )
    entries = list(
        EvidenceEntry.objects.filter(unit=unit, occurred_on__range=(first_day, last_day))
        .select_related("item")
        .order_by("register_seq")
    )
    by_kind: dict[str, list[EvidenceEntry]] = defaultdict(list)
    for entry in entries:
        by_kind[entry.kind].append(entry)
    loans = Loan.objects.filter(item__unit=unit)
    return PracticeFigures(
        first_day=first_day,
        last_day=last_day,
        counts=counts,
        counted_lines=len(lines),
        discrepancies=[line for line in lines if line.finding != Finding.FOUND],
        loans_issued=loans.filter(issued_on__range=(first_day, last_day)).count(),
        loans_returned=loans.filter(returned_on__range=(first_day, last_day)).count(),
        overdue=list(overdue_loans(unit, min(last_day, timezone.localdate()))),
        intakes=len(by_kind[EntryKind.INTAKE]),
        transfers=by_kind[EntryKind.TRANSFER],
        seals_broken_on_transfer=sum(
            1 for e in by_kind[EntryKind.TRANSFER] if not e.data.get("seal_intact", True)
        ),
        examinations=len(by_kind[EntryKind.EXAMINATION]),
        returned=len(by_kind[EntryKind.RETURN]),
        disposed=len(by_kind[EntryKind.DISPOSAL]),
        corrections=len(by_kind[EntryKind.CORRECTION]),
        reconciliations=list(
            Reconciliation.objects.filter(
                unit=unit, closed_at__isnull=False, held_on__range=(first_day, last_day)
            ).order_by("held_on")
        ),
    )


ROOM_CHECKS = dict(RoomCheck.choices)

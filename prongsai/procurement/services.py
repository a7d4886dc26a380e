"""Writes for procurement records: create, change, remove, the unit's profile, and the import's
month-by-month replacement (``procurements_replace_months``).

Every function runs in one transaction and is audited; validation happens first, so a refused
write raises ValidationError and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record, changes_between, model_snapshot
from prongsai.core.text import TextLength, text_problems
from prongsai.organizations.models import Unit

from .models import Bid, Method, Procurement, ProcurementProfile, Stage
from .months import fiscal_months

FIELDS = (
    "month",
    "title",
    "egp_number",
    "category",
    "budget_source",
    "budget",
    "reference_price",
    "method",
    "supplier",
    "agreed_price",
    "reason",
    "contract_number",
    "contract_date",
    "stage",
    "plan_announced",
    "invitation_announced",
    "result_announced",
    "notes",
)
_TEXT = ("title", "egp_number", "budget_source", "supplier", "reason", "contract_number", "notes")
_MULTILINE = {"reason", "notes"}
_AMOUNTS = ("budget", "reference_price", "agreed_price")
PROFILE_FIELDS = ("district", "province", "ministry", "agency_type")


@dataclass(frozen=True)
class BidLine:
    bidder: str
    amount: Decimal


def clean_fields(year: int, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Normalised fields of one procurement; ValidationError with per-field messages."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown procurement fields: {sorted(unknown)}")
    data = dict(fields)
    errors: dict[str, list[str]] = {}
    for name in _TEXT:
        if name not in data:
            continue
        text = str(data[name] or "").strip()
        if name not in _MULTILINE:
            text = " ".join(text.split())
        limit = Procurement._meta.get_field(name).max_length or TextLength.PARAGRAPH  # type: ignore[union-attr]
        problems = text_problems(text, limit=int(limit))
        if problems:
            errors[name] = problems
        data[name] = text
    if not data.get("title"):
        errors.setdefault("title", []).append(_("Say what is bought or hired."))
    month = data.get("month")
    if not isinstance(month, dt.date):
        errors.setdefault("month", []).append(_("Choose the month."))
    else:
        data["month"] = month = month.replace(day=1)
        if month not in fiscal_months(year):
            errors.setdefault("month", []).append(
                _("The month is outside fiscal year %(year)s.") % {"year": year}
            )
    for name in _AMOUNTS:
        value = data.get(name)
        if value is None or value == "":
            data[name] = None
            continue
        value = Decimal(value)
        if value < 0:
            errors.setdefault(name, []).append(_("An amount cannot be negative."))
        if abs(value) >= Decimal("1e13"):
            errors.setdefault(name, []).append(_("The amount is too large."))
        data[name] = value.quantize(Decimal("0.01"))
    if data.get("budget") is None and "budget" in data:
        errors.setdefault("budget", []).append(_("Give the budget."))
    if data.get("method") not in Method.values:
        errors.setdefault("method", []).append(_("Choose the method."))
    if data.get("stage", Stage.IN_PROGRESS) not in Stage.values:
        errors.setdefault("stage", []).append(_("Choose the stage."))
    if errors:
        raise ValidationError(errors)
    return data


def _clean_bids(bids: Sequence[BidLine]) -> list[BidLine]:
    out = []
    for bid in bids:
        name = " ".join(str(bid.bidder).split())
        problems = text_problems(name, limit=300)
        if problems or not name:
            raise ValidationError({"bids": problems or [_("A bidder needs a name.")]})
        if bid.amount < 0:
            raise ValidationError({"bids": [_("An amount cannot be negative.")]})
        out.append(BidLine(bidder=name, amount=Decimal(bid.amount).quantize(Decimal("0.01"))))
    return out


def _write_bids(procurement: Procurement, bids: Sequence[BidLine]) -> None:
    procurement.bids.all().delete()
    Bid.objects.bulk_create(
        Bid(procurement=procurement, position=i, bidder=b.bidder, amount=b.amount)
        for i, b in enumerate(bids)
    )


def _bids_json(bids: Sequence[BidLine]) -> list[list[str]]:
    return [[b.bidder, str(b.amount)] for b in bids]


def _next_position(unit: Unit, year: int) -> int:
    last = Procurement.objects.filter(unit=unit, year=year).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


@transaction.atomic
def procurement_create(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    fields: Mapping[str, Any],
    bids: Sequence[BidLine] = (),
) -> Procurement:
    data = clean_fields(year, fields)
    lines = _clean_bids(bids)
    procurement = Procurement.objects.create(
        unit=unit, year=year, position=_next_position(unit, year), **data
    )
    _write_bids(procurement, lines)
    audit_record(
        actor=actor,
        action="procurement.create",
        obj=procurement,
        object_repr=procurement.title[:200],
        unit_id=unit.pk,
        changes={**model_snapshot(procurement, FIELDS), "bids": _bids_json(lines)},
    )
    return procurement


@transaction.atomic
def procurement_update(
    *,
    actor: Any,
    procurement: Procurement,
    fields: Mapping[str, Any],
    bids: Sequence[BidLine] | None = None,
) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    current = {name: getattr(procurement, name) for name in FIELDS}
    data = clean_fields(procurement.year, {**current, **fields})
    before = model_snapshot(procurement, FIELDS)
    before_bids = [
        [b.bidder, str(b.amount)] for b in procurement.bids.all()
    ]  # for the change record
    for name, value in data.items():
        setattr(procurement, name, value)
    procurement.save()
    changes = changes_between(before, model_snapshot(procurement, FIELDS))
    if bids is not None:
        lines = _clean_bids(bids)
        _write_bids(procurement, lines)
        if _bids_json(lines) != before_bids:
            changes["bids"] = [before_bids, _bids_json(lines)]
    audit_record(
        actor=actor,
        action="procurement.update",
        obj=procurement,
        object_repr=procurement.title[:200],
        unit_id=procurement.unit_id,
        changes=changes,
    )
    return procurement


@transaction.atomic
def procurement_delete(*, actor: Any, procurement: Procurement) -> None:
    snapshot = model_snapshot(procurement, FIELDS)
    audit_record(
        actor=actor,
        action="procurement.delete",
        obj=procurement,
        object_repr=procurement.title[:200],
        unit_id=procurement.unit_id,
        changes=snapshot,
    )
    procurement.delete()


@transaction.atomic
def profile_save(*, actor: Any, unit: Unit, fields: Mapping[str, Any]) -> ProcurementProfile:
    profile, _created = ProcurementProfile.objects.select_for_update().get_or_create(unit=unit)
    before = model_snapshot(profile, PROFILE_FIELDS)
    errors: dict[str, list[str]] = {}
    for name in PROFILE_FIELDS:
        if name in fields:
            text = " ".join(str(fields[name] or "").split())
            problems = text_problems(text, limit=200)
            if problems:
                errors[name] = problems
            setattr(profile, name, text)
    if errors:
        raise ValidationError(errors)
    profile.save()
    audit_record(
        actor=actor,
        action="procurement.profile",
        obj=profile,
        object_repr=str(unit),
        unit_id=unit.pk,
        changes=changes_between(before, model_snapshot(profile, PROFILE_FIELDS)),
    )
    return profile


@dataclass
class Draft:
    """One procurement read from a file, ready for :func:`procurements_replace_months`."""

    fields: dict[str, Any]
    bids: list[BidLine]
    where: str = ""
    row: int = 0


@transaction.atomic
def procurements_replace_months(
    *,
    actor: Any,
    unit: Unit,
    year: int,
    months: Sequence[dt.date],
    drafts: Sequence[Draft],
    source_name: str = "",
    sha256: str = "",
) -> list[Procurement]:
    """The procurements of ``months`` become exactly ``drafts`` (an empty month becomes empty).
    Every draft is checked before anything is removed or written."""
    cleaned = []
    for draft in drafts:
        try:
            cleaned.append((clean_fields(year, draft.fields), _clean_bids(draft.bids)))
        except ValidationError as exc:
            raise ValidationError(
                [f"{draft.where}, {_('row')} {draft.row}: {'; '.join(exc.messages)}"]
            ) from exc
    months = sorted({m.replace(day=1) for m in months})
    outside = [m for m in months if m not in fiscal_months(year)]
    if outside:
        raise ValidationError(_("The month is outside fiscal year %(year)s.") % {"year": year})
    old = Procurement.objects.select_for_update().filter(unit=unit, year=year, month__in=months)
    removed = old.count()
    old.delete()
    position = _next_position(unit, year)
    made = []
    for offset, (data, lines) in enumerate(cleaned):
        procurement = Procurement.objects.create(
            unit=unit, year=year, position=position + offset, **data
        )
        _write_bids(procurement, lines)
        made.append(procurement)
    audit_record(
        actor=actor,
        action="procurement.import",
        object_type="procurement.year",
        object_id=f"{unit.pk}:{year}",
        object_repr=f"{unit} {year}",
        unit_id=unit.pk,
        changes={
            "source": source_name[:200],
            "sha256": sha256,
            "months": [m.isoformat() for m in months],
            "created": len(made),
            "removed": removed,
        },
    )
    return made

"""Writes of the records: form entries, imports, settings (each audited, one transaction).

Photos of operations entries are checked and re-encoded by the measures plan's photo handling
(``prongsai.measures.photos.prepare_photo``) and stored under random names; files of removed
entries are deleted once the transaction has committed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.measures.photos import MAX_PHOTOS_PER_UPDATE, PreparedPhoto
from prongsai.organizations.models import Unit
from prongsai.spreadsheets.headers import FieldSet
from prongsai.spreadsheets.services import column_mappings_remember

from .kinds import ImportResult, Problem
from .models import (
    BudgetLine,
    BudgetMonth,
    FundQuarter,
    OperationEntry,
    OperationPhoto,
    RecordsSettings,
    StatSeries,
    StatValue,
)
from .periods import QUARTERS, fiscal_months


def _delete_files_later(names: Iterable[str]) -> None:
    names = [n for n in names if n]

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def _check_month(year: int, month: str) -> None:
    if month not in fiscal_months(year):
        raise ValidationError(
            _("%(month)s is not a month of fiscal year %(year)s.") % {"month": month, "year": year}
        )


def _unit_lock(unit: Unit) -> None:
    """Writes of one unit's records queue behind each other (imports replace whole months)."""
    Unit.objects.select_for_update().filter(pk=unit.pk).first()


# --- settings --------------------------------------------------------------------------------
@transaction.atomic
def records_settings_set(
    *, actor: Actor, unit: Unit, due_day: int | None = None, thai_digits: bool | None = None
) -> RecordsSettings:
    """The unit's publication settings; a value left out (None) stays as it is."""
    if due_day is not None and not 1 <= due_day <= 28:
        raise ValidationError(_("The due day must be between 1 and 28."))
    # Saving the defaults as they are writes nothing (a row made then went unaudited).
    settings_row = RecordsSettings.objects.select_for_update().filter(
        unit=unit
    ).first() or RecordsSettings(unit=unit)
    changes: dict[str, list[object]] = {}
    if due_day is not None and due_day != settings_row.due_day:
        changes["due_day"] = [settings_row.due_day, due_day]
        settings_row.due_day = due_day
    if thai_digits is not None and thai_digits != settings_row.thai_digits:
        changes["thai_digits"] = [settings_row.thai_digits, thai_digits]
        settings_row.thai_digits = thai_digits
    if changes:
        if settings_row._state.adding:
            settings_row.save()
        else:
            settings_row.save(update_fields=[*changes, "updated_at"])
        audit_record(
            actor=actor,
            action="records.settings",
            obj=settings_row,
            unit_id=unit.pk,
            changes=changes,
        )
    return settings_row


# --- operations (O6) -------------------------------------------------------------------------
_ENTRY_FIELDS = ("work_area", "activity", "details", "period", "section")


@transaction.atomic
def operation_entry_save(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    month: str,
    fields: Mapping[str, str],
    entry: OperationEntry | None = None,
    photos: Sequence[PreparedPhoto] = (),
) -> OperationEntry:
    """Add an entry to a month (``entry`` None) or change one; ``photos`` are added to it."""
    _check_month(year, month)
    if not str(fields.get("work_area", "")).strip() or not str(fields.get("activity", "")).strip():
        raise ValidationError(_("The work area and the project or activity are required."))
    created = entry is None
    if entry is None:
        last = OperationEntry.objects.filter(unit=unit, year=year, month=month).count()
        entry = OperationEntry(unit=unit, year=year, month=month, position=last + 1)
    elif entry.unit_id != unit.pk or entry.year != year:
        raise ValidationError(_("This entry belongs to another unit or year."))
    if len(photos) + (0 if created else entry.photos.count()) > MAX_PHOTOS_PER_UPDATE:
        raise ValidationError(_("At most %(n)s photos per entry.") % {"n": MAX_PHOTOS_PER_UPDATE})
    changes: dict[str, Any] = {}
    for name in _ENTRY_FIELDS:
        value = str(fields.get(name, "") or "").strip()
        if getattr(entry, name) != value:
            changes[name] = value
        setattr(entry, name, value)
    entry.month = month
    entry.save()
    stored = []
    for prepared in photos:
        photo = OperationPhoto(
            entry=entry,
            content_type=prepared.content_type,
            size=len(prepared.content),
            width=prepared.width,
            height=prepared.height,
            original_name=prepared.original_name,
        )
        photo.file.save("photo", ContentFile(prepared.content), save=False)
        stored.append(str(photo.file.name))
        photo.save()
    audit_record(
        actor=actor,
        action="records.operation_add" if created else "records.operation_change",
        obj=entry,
        unit_id=unit.pk,
        changes={"month": month, **changes, "photos": len(stored)},
    )
    return entry


@transaction.atomic
def operation_entry_delete(*, actor: Actor, entry: OperationEntry) -> None:
    files = list(entry.photos.values_list("file", flat=True))
    audit_record(
        actor=actor,
        action="records.operation_delete",
        obj=entry,
        unit_id=entry.unit_id,
        changes={"month": entry.month, "activity": entry.activity},
    )
    entry.delete()
    _delete_files_later(files)


@transaction.atomic
def operation_photo_delete(*, actor: Actor, photo: OperationPhoto) -> None:
    name = str(photo.file.name)
    audit_record(
        actor=actor,
        action="records.photo_delete",
        obj=photo.entry,
        unit_id=photo.entry.unit_id,
        changes={"photo": str(photo.pk)},
    )
    photo.delete()
    _delete_files_later([name])


# --- statistics (O10) ------------------------------------------------------------------------
@transaction.atomic
def stat_series_save(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    name: str,
    category: str = "",
    measure: str = "",
    series: StatSeries | None = None,
) -> StatSeries:
    name = name.strip()
    if not name:
        raise ValidationError(_("The series needs a name."))
    clash = StatSeries.objects.filter(unit=unit, year=year, name=name)
    if series is not None:
        clash = clash.exclude(pk=series.pk)
    if clash.exists():
        raise ValidationError(_("There is already a series called “%(name)s”.") % {"name": name})
    created = series is None
    if series is None:
        series = StatSeries(
            unit=unit,
            year=year,
            position=StatSeries.objects.filter(unit=unit, year=year).count() + 1,
        )
    series.name, series.category, series.measure = name, category.strip(), measure.strip()
    series.save()
    audit_record(
        actor=actor,
        action="records.series_add" if created else "records.series_change",
        obj=series,
        unit_id=unit.pk,
        changes={"series": name, "category": series.category, "measure": series.measure},
    )
    return series


@transaction.atomic
def stat_series_delete(*, actor: Actor, series: StatSeries) -> None:
    audit_record(
        actor=actor,
        action="records.series_delete",
        obj=series,
        unit_id=series.unit_id,
        changes={"series": series.name, "values": series.values.count()},
    )
    series.delete()


@transaction.atomic
def stat_values_set(
    *, actor: Actor, unit: Unit, year: int, month: str, values: Mapping[Any, Decimal | None]
) -> int:
    """The month's value of each series (series id → value; None removes it)."""
    _check_month(year, month)
    series = {str(s.pk): s for s in StatSeries.objects.filter(unit=unit, year=year)}
    existing = {
        str(v.series_id): v
        for v in StatValue.objects.filter(series__in=series.values(), month=month)
    }
    changed: dict[str, Any] = {}
    for key, value in values.items():
        item = series.get(str(key))
        if item is None:
            raise ValidationError(_("A series of another unit or year."))
        current = existing.get(str(key))
        if value is None:
            if current is not None:
                current.delete()
                changed[item.name] = None
            continue
        if value < 0:
            raise ValidationError(_("A value cannot be negative."))
        if current is None:
            StatValue.objects.create(series=item, month=month, value=value)
        elif current.value != value:
            current.value = value
            current.save(update_fields=["value", "updated_at"])
        else:
            continue
        changed[item.name] = str(value)
    audit_record(
        actor=actor,
        action="records.values_set",
        object_type="records.statistics",
        object_id=f"{unit.pk}:{year}:{month}",
        object_repr=f"{unit} {month}",
        unit_id=unit.pk,
        changes={"month": month, "values": changed},
    )
    return len(changed)


# --- budget (O11) ----------------------------------------------------------------------------
@transaction.atomic
def budget_line_save(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    name: str,
    planned: Decimal,
    category: str = "",
    line: BudgetLine | None = None,
) -> BudgetLine:
    name = name.strip()
    if not name:
        raise ValidationError(_("The budget line needs a name."))
    if planned < 0:
        raise ValidationError(_("An amount cannot be negative."))
    clash = BudgetLine.objects.filter(unit=unit, year=year, name=name)
    if line is not None:
        clash = clash.exclude(pk=line.pk)
    if clash.exists():
        raise ValidationError(
            _("There is already a budget line called “%(name)s”.") % {"name": name}
        )
    created = line is None
    if line is None:
        line = BudgetLine(
            unit=unit,
            year=year,
            position=BudgetLine.objects.filter(unit=unit, year=year).count() + 1,
        )
    line.name, line.category, line.planned = name, category.strip(), planned
    line.save()
    audit_record(
        actor=actor,
        action="records.line_add" if created else "records.line_change",
        obj=line,
        unit_id=unit.pk,
        changes={"line": name, "planned": str(planned)},
    )
    return line


@transaction.atomic
def budget_line_delete(*, actor: Actor, line: BudgetLine) -> None:
    audit_record(
        actor=actor, action="records.line_delete", obj=line, unit_id=line.unit_id,
        changes={"line": line.name},
    )  # fmt: skip
    line.delete()


@transaction.atomic
def budget_month_set(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    month: str,
    values: Mapping[Any, tuple[Decimal, Decimal]],
) -> int:
    """Per line id: (planned, spent) in the month."""
    _check_month(year, month)
    lines = {str(line.pk): line for line in BudgetLine.objects.filter(unit=unit, year=year)}
    changed: dict[str, Any] = {}
    for key, (planned, spent) in values.items():
        line = lines.get(str(key))
        if line is None:
            raise ValidationError(_("A budget line of another unit or year."))
        if planned < 0 or spent < 0:
            raise ValidationError(_("An amount cannot be negative."))
        row, created = BudgetMonth.objects.get_or_create(
            line=line, month=month, defaults={"planned": planned, "spent": spent}
        )
        if created or row.planned != planned or row.spent != spent:
            row.planned, row.spent = planned, spent
            row.save()
            changed[line.name] = [str(planned), str(spent)]
    audit_record(
        actor=actor,
        action="records.budget_set",
        object_type="records.budget",
        object_id=f"{unit.pk}:{year}:{month}",
        object_repr=f"{unit} {month}",
        unit_id=unit.pk,
        changes={"month": month, "values": changed},
    )
    return len(changed)


# --- fund (O12) ------------------------------------------------------------------------------
@transaction.atomic
def fund_quarter_set(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    quarter: str,
    allocated: Decimal,
    spent: Decimal,
    cases: int = 0,
    details: str = "",
) -> FundQuarter:
    if quarter not in QUARTERS:
        raise ValidationError(_("No such quarter."))
    if allocated < 0 or spent < 0 or cases < 0:
        raise ValidationError(_("An amount cannot be negative."))
    row, _created = FundQuarter.objects.select_for_update().get_or_create(
        unit=unit, year=year, quarter=quarter
    )
    row.allocated, row.spent, row.cases, row.details = allocated, spent, cases, details.strip()
    row.save()
    audit_record(
        actor=actor,
        action="records.fund_set",
        obj=row,
        unit_id=unit.pk,
        changes={
            "quarter": quarter,
            "allocated": str(allocated),
            "spent": str(spent),
            "cases": cases,
        },
    )
    return row


# --- imports ---------------------------------------------------------------------------------
def _duplicates(result: ImportResult, key: Any, message: str) -> None:
    seen: dict[Any, int] = {}
    for draft in result.rows:
        k = key(draft)
        if k in seen:
            result.problems.append(
                Problem(draft["_where"], draft["_row"], None, message % {"row": seen[k]})
            )
        else:
            seen[k] = draft["_row"]


def check_statistics_rows(*, result: ImportResult) -> None:
    _duplicates(
        result,
        lambda d: (d["series"], d["month"]),
        _("the same series and month as row %(row)s"),
    )


def check_budget_rows(*, unit: Unit, year: int, result: ImportResult) -> None:
    _duplicates(
        result,
        lambda d: (d["line"], d["month"]) if d["month"] else (d["line"], id(d)),
        _("the same budget line and month as row %(row)s"),
    )
    known = set(BudgetLine.objects.filter(unit=unit, year=year).values_list("name", flat=True))
    planned = {d["line"] for d in result.rows if d["planned_year"] is not None}
    for draft in result.rows:
        if draft["line"] not in known and draft["line"] not in planned:
            result.problems.append(
                Problem(
                    draft["_where"],
                    draft["_row"],
                    None,
                    _("a new budget line needs its amount for the year"),
                )
            )


def check_fund_rows(*, result: ImportResult) -> None:
    _duplicates(result, lambda d: d["quarter"], _("the same quarter as row %(row)s"))


@transaction.atomic
def records_import(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    kind: str,
    result: ImportResult,
    fieldset: FieldSet,
    source_name: str = "",
    source_bytes: bytes = b"",
) -> int:
    """Write a clean import result (nothing otherwise). Operations replace the entries of the
    months in the file; statistics, budget and fund rows are written over the same series/line
    and month (or quarter), other months are left as they are."""
    if not result.ok:
        raise ValidationError([str(p) for p in result.problems] or [_("Nothing to import.")])
    _unit_lock(unit)
    written = 0
    summary: dict[str, Any] = {}
    if kind == "operations":
        months = sorted({d["month"] for d in result.rows})
        old = OperationEntry.objects.filter(unit=unit, year=year, month__in=months)
        files = list(OperationPhoto.objects.filter(entry__in=old).values_list("file", flat=True))
        summary["removed"] = old.count()
        old.delete()
        _delete_files_later(files)
        positions: dict[str, int] = {}
        entries = []
        for d in result.rows:
            positions[d["month"]] = positions.get(d["month"], 0) + 1
            entries.append(
                OperationEntry(
                    unit=unit,
                    year=year,
                    month=d["month"],
                    position=positions[d["month"]],
                    **{name: d[name] for name in _ENTRY_FIELDS},
                )
            )
        OperationEntry.objects.bulk_create(entries)
        written = len(entries)
        summary["months"] = months
    elif kind == "statistics":
        check_statistics_rows(result=result)
        if result.problems:
            raise ValidationError([str(p) for p in result.problems])
        series = {s.name: s for s in StatSeries.objects.filter(unit=unit, year=year)}
        for d in result.rows:
            item = series.get(d["series"])
            if item is None:
                item = series[d["series"]] = StatSeries.objects.create(
                    unit=unit, year=year, name=d["series"], position=len(series) + 1,
                    category=d["category"], measure=d["measure"],
                )  # fmt: skip
            elif (d["category"] and d["category"] != item.category) or (
                d["measure"] and d["measure"] != item.measure
            ):
                item.category = d["category"] or item.category
                item.measure = d["measure"] or item.measure
                item.save()
            StatValue.objects.update_or_create(
                series=item, month=d["month"], defaults={"value": d["value"]}
            )
            written += 1
        summary["months"] = sorted({d["month"] for d in result.rows})
    elif kind == "budget":
        lines = {line.name: line for line in BudgetLine.objects.filter(unit=unit, year=year)}
        for d in result.rows:
            line = lines.get(d["line"])
            if line is None:
                line = lines[d["line"]] = BudgetLine.objects.create(
                    unit=unit, year=year, name=d["line"], position=len(lines) + 1,
                    category=d["category"], planned=d["planned_year"] or Decimal(0),
                )  # fmt: skip
            elif d["planned_year"] is not None or (
                d["category"] and d["category"] != line.category
            ):
                if d["planned_year"] is not None:
                    line.planned = d["planned_year"]
                line.category = d["category"] or line.category
                line.save()
            if d["month"]:
                BudgetMonth.objects.update_or_create(
                    line=line,
                    month=d["month"],
                    defaults={"planned": d["planned"], "spent": d["spent"]},
                )
            written += 1
    elif kind == "fund":
        for d in result.rows:
            FundQuarter.objects.update_or_create(
                unit=unit, year=year, quarter=d["quarter"],
                defaults={k: d[k] for k in ("allocated", "spent", "cases", "details")},
            )  # fmt: skip
            written += 1
    else:
        raise ValidationError(_("Unknown record kind."))
    column_mappings_remember(actor=actor, unit=unit, fieldset=fieldset, columns=result.columns)
    audit_record(
        actor=actor,
        action="records.import",
        object_type=f"records.{kind}",
        object_id=f"{unit.pk}:{year}",
        object_repr=f"{unit} {year}",
        unit_id=unit.pk,
        changes={
            "kind": kind,
            "source": source_name[:200],
            "sha256": hashlib.sha256(source_bytes).hexdigest() if source_bytes else "",
            "format": result.file_kind,
            "rows": written,
            **summary,
        },
    )
    return written

"""Writes for the measures plan: rows, their order, progress updates with photos, reminders.

Every function runs in one transaction and is audited. Validation happens before anything is
written; a refused write raises ValidationError and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.audit import audit_record, changes_between, model_snapshot
from prongsai.core.text import TextLength, text_problems
from prongsai.organizations.models import Membership

from .models import Cadence, Channel, PlanRow, ProgressPhoto, ProgressUpdate, Status
from .parsing import CADENCE_TH, normalize, normalize_lines
from .photos import MAX_PHOTOS_PER_UPDATE, PreparedPhoto

ROW_FIELDS = (
    "indicator",
    "issue",
    "activity",
    "output",
    "channels",
    "channels_other",
    "period_start",
    "period_end",
    "period_text",
    "responsible_positions",
    "cadence",
    "cadence_text",
    "status",
    "result_note",
    "oit_items",
    "notes",
)
_LIST_FIELDS = {"channels", "responsible_positions", "oit_items"}
_TEXT_FIELDS = set(ROW_FIELDS) - _LIST_FIELDS - {"period_start", "period_end"}
_MULTILINE_FIELDS = {"issue", "activity", "output", "result_note", "notes"}

User = get_user_model()


def _line_limit(name: str) -> int:
    max_length = getattr(PlanRow._meta.get_field(name), "max_length", None)
    return int(max_length or TextLength.SINGLE_LINE)


def _clean_fields(assessment: Assessment, fields: dict[str, Any]) -> dict[str, Any]:
    """Normalise and check row fields; raises ValidationError with per-field messages."""
    unknown = set(fields) - set(ROW_FIELDS)
    if unknown:
        raise TypeError(f"unknown plan row fields: {sorted(unknown)}")
    data = dict(fields)
    # Stored text is normalised the way imported text is, so that export → import is exact.
    for name in _TEXT_FIELDS & set(data):
        if name in _MULTILINE_FIELDS:
            data[name] = normalize_lines(data[name] or "")
        else:
            data[name] = normalize(data[name] or "")
    for name in _LIST_FIELDS & set(data):
        items = [normalize(v).lstrip("-•–·* ").strip() for v in (data[name] or [])]
        data[name] = list(dict.fromkeys(v for v in items if v))
    if data.get("cadence") and data.get("cadence_text") == CADENCE_TH.get(data["cadence"]):
        data["cadence_text"] = ""
    spec = assessment.framework.spec
    errors: dict[str, list[str]] = {}

    def bad(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    # The limits of the form fields hold for imported rows too (a 200,000-character cell made
    # a report of 764 pages).
    for name in sorted(_TEXT_FIELDS & set(data)):
        limit = TextLength.PARAGRAPH if name in _MULTILINE_FIELDS else _line_limit(name)
        for problem in text_problems(data[name], limit=limit):
            bad(name, problem)
    for name in sorted(_LIST_FIELDS & set(data)):
        for item in data[name]:
            for problem in text_problems(item, limit=TextLength.SINGLE_LINE):
                bad(name, problem)
    if "indicator" in data and data["indicator"] not in spec.indicator_by_id:
        bad("indicator", _("Unknown indicator %(code)s.") % {"code": data["indicator"]})
    for name in ("issue", "activity"):
        if name in data and not data[name]:
            bad(name, _("This field is required."))
    if "channels" in data:
        wrong = [c for c in data["channels"] if c not in Channel.values]
        if wrong:
            bad("channels", _("Unknown channel: %(c)s.") % {"c": ", ".join(wrong)})
        data["channels"] = [c for c in Channel.values if c in data["channels"]]
    if "oit_items" in data:
        wrong = [c for c in data["oit_items"] if c not in spec.item_by_id]
        if wrong:
            bad("oit_items", _("Unknown OIT item: %(c)s.") % {"c": ", ".join(wrong)})
        order = [item.id for item in spec.items]
        data["oit_items"] = sorted(set(data["oit_items"]), key=order.index) if not wrong else []
    if data.get("cadence") and data["cadence"] not in Cadence.values:
        bad("cadence", _("Unknown cadence."))
    if data.get("cadence") == Cadence.EVENT and not data.get("cadence_text"):
        bad("cadence_text", _("Say when the row is followed up (e.g. “ทุกครั้งที่…”)."))
    if "status" in data and data["status"] not in Status.values:
        bad("status", _("Unknown status."))
    start, end = data.get("period_start"), data.get("period_end")
    if start and end and end < start:
        bad("period_end", _("The period ends before it starts."))
    if start and not end:
        bad("period_end", _("Give the completion date too."))
    if errors:
        raise ValidationError(errors)
    return data


def unit_member_users(assessment: Assessment) -> Any:
    """Users holding any role in the assessment's unit itself (who can be made responsible)."""
    ids = Membership.objects.filter(unit_id=assessment.unit_id).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=ids, is_active=True)


def _check_users(assessment: Assessment, users: Iterable[Any]) -> list[Any]:
    users = list(users)
    allowed = set(unit_member_users(assessment).values_list("pk", flat=True))
    outside = [u for u in users if u.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "responsible_users": [
                    _("%(names)s is not a member of this unit.")
                    % {"names": ", ".join(u.get_username() for u in outside)}
                ]
            }
        )
    return users


def _row_snapshot(row: PlanRow) -> dict[str, Any]:
    data = model_snapshot(row, fields=[*ROW_FIELDS, "position"])
    data["responsible_users"] = sorted(u.get_username() for u in row.responsible_users.all())
    return data


def _lock_plan(assessment: Assessment) -> None:
    """Serialise writers that add rows to one plan (positions, idempotency keys)."""
    list(Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("pk"))


def _next_position(assessment: Assessment) -> int:
    top = PlanRow.objects.filter(assessment=assessment).aggregate(top=Max("position"))["top"]
    return 1 if top is None else top + 1


@transaction.atomic
def plan_row_create(
    *,
    actor: Any,
    assessment: Assessment,
    responsible_users: Iterable[Any] = (),
    idempotency_key: str = "",
    **fields: Any,
) -> PlanRow:
    """Add a row at the end of the plan. Retrying with the same ``idempotency_key`` returns the
    row already created."""
    _lock_plan(assessment)
    if idempotency_key:
        existing = PlanRow.objects.filter(
            assessment=assessment, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    data = _clean_fields(assessment, fields)
    for name in ("indicator", "issue", "activity"):
        if not data.get(name):
            raise ValidationError({name: [_("This field is required.")]})
    users = _check_users(assessment, responsible_users)
    row = PlanRow.objects.create(
        assessment=assessment,
        position=_next_position(assessment),
        idempotency_key=idempotency_key[:64],
        **data,
    )
    if users:
        row.responsible_users.set(users)
    audit_record(
        actor=actor,
        action="plan_row.create",
        obj=row,
        unit_id=assessment.unit_id,
        changes=_row_snapshot(row),
    )
    return row


@transaction.atomic
def plan_row_update(
    *,
    actor: Any,
    row: PlanRow,
    responsible_users: Iterable[Any] | None = None,
    **fields: Any,
) -> PlanRow:
    row = PlanRow.objects.select_for_update().select_related("assessment__framework").get(pk=row.pk)
    data = _clean_fields(row.assessment, fields)
    merged_cadence = data.get("cadence", row.cadence)
    if merged_cadence == Cadence.EVENT and not data.get("cadence_text", row.cadence_text):
        raise ValidationError({"cadence_text": [_("Say when the row is followed up.")]})
    users = None if responsible_users is None else _check_users(row.assessment, responsible_users)
    before = _row_snapshot(row)
    for name, value in data.items():
        setattr(row, name, value)
    row.save()
    if users is not None:
        row.responsible_users.set(users)
    changes = changes_between(before, _row_snapshot(row))
    if changes:
        audit_record(
            actor=actor,
            action="plan_row.update",
            obj=row,
            unit_id=row.assessment.unit_id,
            changes=changes,
        )
    return row


def _delete_files_later(names: Sequence[str]) -> None:
    """Remove stored photos once the deleting transaction has committed."""
    from django.core.files.storage import default_storage

    def remove() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(remove)


@transaction.atomic
def plan_row_delete(*, actor: Any, row: PlanRow) -> None:
    row = PlanRow.objects.select_for_update().select_related("assessment").get(pk=row.pk)
    files = list(ProgressPhoto.objects.filter(update__row=row).values_list("file", flat=True))
    snapshot = _row_snapshot(row)
    snapshot["updates"] = row.updates.count()
    audit_record(
        actor=actor,
        action="plan_row.delete",
        obj=row,
        unit_id=row.assessment.unit_id,
        changes=snapshot,
    )
    assessment = row.assessment
    row.delete()
    _renumber(assessment)
    _delete_files_later(files)


def _renumber(assessment: Assessment) -> None:
    rows = list(PlanRow.objects.filter(assessment=assessment).order_by("position", "created_at"))
    changed = []
    for index, row in enumerate(rows, start=1):
        if row.position != index:
            row.position = index
            changed.append(row)
    PlanRow.objects.bulk_update(changed, ["position"])


@transaction.atomic
def plan_row_move(*, actor: Any, row: PlanRow, offset: int) -> PlanRow:
    """Move a row up (negative offset) or down; the others keep their relative order."""
    assessment = row.assessment
    rows = list(
        PlanRow.objects.select_for_update()
        .filter(assessment=assessment)
        .order_by("position", "created_at")
    )
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    target = max(0, min(len(rows) - 1, index + offset))
    if target == index:
        return rows[index]
    moving = rows.pop(index)
    rows.insert(target, moving)
    for position, item in enumerate(rows, start=1):
        item.position = position
    PlanRow.objects.bulk_update(rows, ["position"])
    audit_record(
        actor=actor,
        action="plan_row.move",
        obj=moving,
        unit_id=assessment.unit_id,
        changes={"position": [index + 1, target + 1]},
    )
    return moving


# --- progress ------------------------------------------------------------------------------
def clean_links(links: Iterable[str]) -> list[str]:
    """Evidence links of a progress report (the plan's, the risk follow-ups'): web addresses
    only, blank ones dropped, each once; a Thai message naming the first that is not one."""
    validator = URLValidator(schemes=["http", "https"])
    out: list[str] = []
    for link in links:
        link = str(link).strip()
        if not link:
            continue
        try:
            validator(link)
        except ValidationError as exc:
            raise ValidationError(
                {"links": [_("“%(link)s” is not a web address (http/https).") % {"link": link}]}
            ) from exc
        if link not in out:
            out.append(link)
    return out


def latest_status(row: PlanRow) -> str | None:
    latest = row.updates.order_by("-date", "-created_at").first()
    return latest.status if latest else None


@transaction.atomic
def progress_add(
    *,
    actor: Any,
    row: PlanRow,
    date: dt.date,
    text: str,
    status: str,
    idempotency_key: str,
    links: Iterable[str] = (),
    photos: Sequence[PreparedPhoto] = (),
) -> ProgressUpdate:
    """Record progress on a row; the row's status follows its latest update (by date).

    Retrying with the same ``idempotency_key`` returns the update already stored.
    """
    row = PlanRow.objects.select_for_update().select_related("assessment").get(pk=row.pk)
    existing = ProgressUpdate.objects.filter(row=row, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    text = str(text or "").strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Say what was done.")]
    elif problems := text_problems(text, limit=TextLength.PARAGRAPH):
        errors["text"] = problems
    if status not in Status.values:
        errors["status"] = [_("Unknown status.")]
    if date > timezone.localdate() + dt.timedelta(days=1):
        errors["date"] = [_("The date is in the future.")]
    if len(photos) > MAX_PHOTOS_PER_UPDATE:
        errors["photos"] = [_("At most %(n)s photos per update.") % {"n": MAX_PHOTOS_PER_UPDATE}]
    if not idempotency_key or len(idempotency_key) > 64:
        errors["idempotency_key"] = [_("Reload the page and submit again.")]
    if errors:
        raise ValidationError(errors)
    links_kept = clean_links(links)
    update = ProgressUpdate.objects.create(
        row=row,
        date=date,
        text=text,
        status=status,
        links=links_kept,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        idempotency_key=idempotency_key,
    )
    stored: list[str] = []
    try:
        for prepared in photos:
            photo = ProgressPhoto(
                update=update,
                content_type=prepared.content_type,
                size=len(prepared.content),
                width=prepared.width,
                height=prepared.height,
                original_name=prepared.original_name,
            )
            photo.file.save("photo", ContentFile(prepared.content), save=False)
            stored.append(str(photo.file.name))
            photo.save()
        before_status = row.status
        row.status = latest_status(row) or row.status
        row.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="progress.add",
            obj=update,
            unit_id=row.assessment.unit_id,
            changes={
                "row": str(row.pk),
                "date": date,
                "text": text,
                "status": status,
                "links": links_kept,
                "photos": len(stored),
                "row_status": [before_status, row.status],
            },
        )
    except BaseException:
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise
    return update


@transaction.atomic
def progress_delete(*, actor: Any, update: ProgressUpdate) -> None:
    update = (
        ProgressUpdate.objects.select_for_update()
        .select_related("row__assessment")
        .get(pk=update.pk)
    )
    row = update.row
    files = list(update.photos.values_list("file", flat=True))
    audit_record(
        actor=actor,
        action="progress.delete",
        obj=update,
        unit_id=row.assessment.unit_id,
        changes={"row": str(row.pk), "date": update.date, "text": update.text},
    )
    update.delete()
    status = latest_status(row)
    if status is not None and status != row.status:
        row.status = status
        row.save(update_fields=["status", "updated_at"])
    _delete_files_later(files)


@transaction.atomic
def plan_rows_mark_reminded(*, actor: Any, rows: Sequence[PlanRow], at: dt.datetime) -> None:
    if not rows:
        return
    PlanRow.objects.filter(pk__in=[r.pk for r in rows]).update(reminded_at=at)
    assessment = rows[0].assessment
    audit_record(
        actor=actor,
        action="plan_rows.remind",
        object_type="measures.plan",
        object_id=str(assessment.pk),
        unit_id=assessment.unit_id,
        changes={"rows": [str(r.pk) for r in rows], "at": at},
    )

"""Writes for the bribery-risk register: opening it (empty, from a template, from last year's),
processes, risk events, treatments, follow-ups with photos, and the XLSX import.

Every function runs in one transaction and is audited. Validation happens before anything is
written; a refused write raises ValidationError and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.audit import audit_record, changes_between, model_snapshot
from prongsai.core.text import TextLength, text_problems
from prongsai.measures.photos import MAX_PHOTOS_PER_UPDATE, PreparedPhoto
from prongsai.measures.services import clean_links

from . import library
from .models import (
    FollowUp,
    FollowUpPhoto,
    Process,
    Register,
    RiskEvent,
    RiskType,
    Round,
    Status,
    Treatment,
)
from .schemes import Scheme, scheme_data, scheme_for_year, scheme_from_data

PROCESS_FIELDS = ("name", "section", "legal_basis", "authority_step")
EVENT_FIELDS = ("description", "cause", "risk_type", "controls", "likelihood", "impact")
TREATMENT_FIELDS = ("measure", "owner_user", "owner_position", "due_date", "kpi")
_REQUIRED = {"name", "description", "measure"}
_SINGLE_LINE = {"name", "section", "owner_position", "kpi"}


def register_scheme(register: Register) -> Scheme:
    return scheme_from_data(register.scheme)


def _check_text(data: Mapping[str, Any], names: Iterable[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in names:
        if name not in data:
            continue
        value = str(data[name] or "").strip()
        if name in _REQUIRED and not value:
            errors[name] = [_("This field is required.")]
            continue
        limit = TextLength.SINGLE_LINE if name in _SINGLE_LINE else TextLength.PARAGRAPH
        if problems := text_problems(value, limit=limit):
            errors[name] = problems
    return errors


def _clean(data: Mapping[str, Any], allowed: Sequence[str]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    out = dict(data)
    for name, value in out.items():
        if isinstance(value, str):
            out[name] = value.strip()
    return out


def check_rating(scheme: Scheme, likelihood: Any, impact: Any, *, prefix: str = "") -> dict:
    """Errors for a likelihood/impact pair that is not on the scheme's scales."""
    errors: dict[str, list[str]] = {}
    if likelihood not in scheme.likelihood_values:
        errors[f"{prefix}likelihood"] = [
            _("Choose a likelihood from %(low)s to %(high)s.")
            % {"low": min(scheme.likelihood_values), "high": max(scheme.likelihood_values)}
        ]
    if impact not in scheme.impact_values:
        errors[f"{prefix}impact"] = [
            _("Choose an impact from %(low)s to %(high)s.")
            % {"low": min(scheme.impact_values), "high": max(scheme.impact_values)}
        ]
    return errors


def _unit_id(register: Register) -> Any:
    return register.assessment.unit_id


def _next_position(queryset: Any) -> int:
    return int(queryset.aggregate(m=Max("position"))["m"] or 0) + 1


# --- the register ------------------------------------------------------------------------------
def _copy_template(register: Register, template: library.Template) -> int:
    count = 0
    for p_index, p in enumerate(template.processes, start=1):
        process = Process.objects.create(
            register=register,
            position=p_index,
            name=p.name,
            section=p.section,
            legal_basis=p.legal_basis,
            authority_step=p.authority_step,
        )
        for e_index, e in enumerate(p.events, start=1):
            event = RiskEvent.objects.create(
                process=process,
                position=e_index,
                description=e.description,
                cause=e.cause,
                risk_type=e.risk_type,
                controls=e.controls,
                likelihood=e.likelihood,
                impact=e.impact,
            )
            count += 1
            for t_index, t in enumerate(e.treatments, start=1):
                Treatment.objects.create(
                    event=event,
                    position=t_index,
                    measure=t.measure,
                    owner_position=t.owner_position,
                    kpi=t.kpi,
                )
    return count


def _copy_register(register: Register, source: Register) -> int:
    """Processes, events (as rated at the start of last year), treatments without their
    follow-ups or due dates (a new year plans its own)."""
    count = 0
    for old_process in source.processes.order_by("position", "created_at"):
        process = Process.objects.create(
            register=register,
            **{name: getattr(old_process, name) for name in ("position", *PROCESS_FIELDS)},
        )
        for old_event in old_process.events.order_by("position", "created_at"):
            event = RiskEvent.objects.create(
                process=process,
                **{name: getattr(old_event, name) for name in ("position", *EVENT_FIELDS)},
            )
            count += 1
            for old in old_event.treatments.order_by("position", "created_at"):
                Treatment.objects.create(
                    event=event,
                    position=old.position,
                    measure=old.measure,
                    owner_user=old.owner_user,
                    owner_position=old.owner_position,
                    kpi=old.kpi,
                )
    return count


@transaction.atomic
def register_open(*, actor: Any, assessment: Assessment, start: str = "empty") -> Register:
    """Open the assessment's register: ``start`` is "empty", "template:<name>" or "copy" (last
    fiscal year's register of the same unit). Opening an open register changes nothing."""
    existing = Register.objects.filter(assessment=assessment).first()
    if existing is not None:
        return existing
    scheme = scheme_for_year(assessment.framework.year)
    source: Register | None = None
    template: library.Template | None = None
    if start == "copy":
        source = (
            Register.objects.filter(
                assessment__unit_id=assessment.unit_id, assessment__year=assessment.year - 1
            )
            .select_related("assessment")
            .first()
        )
        if source is None:
            raise ValidationError(
                _("There is no register of fiscal year %(year)s to copy.")
                % {"year": assessment.year - 1}
            )
    elif start.startswith("template:"):
        try:
            template = library.template(start.removeprefix("template:"))
        except KeyError as exc:
            raise ValidationError(_("Unknown template.")) from exc
    elif start != "empty":
        raise ValidationError(_("Unknown template."))
    register = Register.objects.create(
        assessment=assessment,
        scheme=source.scheme if source is not None else scheme_data(scheme),
        origin=(
            f"copy:{assessment.year - 1}"
            if source is not None
            else f"template:{template.key}"
            if template is not None
            else ""
        ),
    )
    events = 0
    if source is not None:
        events = _copy_register(register, source)
    elif template is not None:
        events = _copy_template(register, template)
    audit_record(
        actor=actor,
        action="risk_register.open",
        obj=register,
        unit_id=assessment.unit_id,
        changes={"origin": register.origin, "year": assessment.year, "events": events},
    )
    return register


@transaction.atomic
def register_introduction_set(*, actor: Any, register: Register, introduction: str) -> None:
    introduction = str(introduction or "").strip()
    if problems := text_problems(introduction, limit=TextLength.PARAGRAPH):
        raise ValidationError({"introduction": problems})
    before = register.introduction
    register.introduction = introduction
    register.save(update_fields=["introduction", "updated_at"])
    audit_record(
        actor=actor,
        action="risk_register.update",
        obj=register,
        unit_id=_unit_id(register),
        changes={"introduction": [before, introduction]},
    )


# --- processes ---------------------------------------------------------------------------------
@transaction.atomic
def process_save(
    *, actor: Any, register: Register, process: Process | None = None, **fields: Any
) -> Process:
    data = _clean(fields, PROCESS_FIELDS)
    if process is None:
        data.setdefault("name", "")
    if errors := _check_text(data, PROCESS_FIELDS):
        raise ValidationError(errors)
    if process is None:
        process = Process.objects.create(
            register=register, position=_next_position(register.processes), **data
        )
        audit_record(
            actor=actor,
            action="risk_process.create",
            obj=process,
            unit_id=_unit_id(register),
            changes=model_snapshot(process, PROCESS_FIELDS),
        )
        return process
    before = model_snapshot(process, PROCESS_FIELDS)
    for name, value in data.items():
        setattr(process, name, value)
    process.save()
    audit_record(
        actor=actor,
        action="risk_process.update",
        obj=process,
        unit_id=_unit_id(register),
        changes=changes_between(before, model_snapshot(process, PROCESS_FIELDS)),
    )
    return process


@transaction.atomic
def process_delete(*, actor: Any, process: Process) -> None:
    register = process.register
    audit_record(
        actor=actor,
        action="risk_process.delete",
        obj=process,
        unit_id=_unit_id(register),
        changes={"name": process.name, "events": process.events.count()},
    )
    files = list(
        FollowUpPhoto.objects.filter(followup__treatment__event__process=process).values_list(
            "file", flat=True
        )
    )
    process.delete()
    _delete_files_later(files)


# --- risk events -------------------------------------------------------------------------------
def _check_event(register: Register, data: Mapping[str, Any]) -> dict[str, list[str]]:
    errors = _check_text(data, ("description", "cause", "controls"))
    if "risk_type" in data and data["risk_type"] not in RiskType.values:
        errors["risk_type"] = [_("Choose a risk type.")]
    if "likelihood" in data or "impact" in data:
        errors.update(
            check_rating(register_scheme(register), data.get("likelihood"), data.get("impact"))
        )
    return errors


@transaction.atomic
def event_save(
    *, actor: Any, process: Process, event: RiskEvent | None = None, **fields: Any
) -> RiskEvent:
    register = process.register
    data = _clean(fields, EVENT_FIELDS)
    if event is not None:
        data.setdefault("likelihood", event.likelihood)
        data.setdefault("impact", event.impact)
    else:
        data.setdefault("description", "")
    if errors := _check_event(register, data):
        raise ValidationError(errors)
    if event is None:
        event = RiskEvent.objects.create(
            process=process, position=_next_position(process.events), **data
        )
        audit_record(
            actor=actor,
            action="risk_event.create",
            obj=event,
            unit_id=_unit_id(register),
            changes={"process": process.name, **model_snapshot(event, EVENT_FIELDS)},
        )
        return event
    before = model_snapshot(event, EVENT_FIELDS)
    for name, value in data.items():
        setattr(event, name, value)
    event.save()
    audit_record(
        actor=actor,
        action="risk_event.update",
        obj=event,
        unit_id=_unit_id(register),
        changes=changes_between(before, model_snapshot(event, EVENT_FIELDS)),
    )
    return event


@transaction.atomic
def event_delete(*, actor: Any, event: RiskEvent) -> None:
    register = event.process.register
    audit_record(
        actor=actor,
        action="risk_event.delete",
        obj=event,
        unit_id=_unit_id(register),
        changes={"description": event.description},
    )
    files = list(
        FollowUpPhoto.objects.filter(followup__treatment__event=event).values_list(
            "file", flat=True
        )
    )
    event.delete()
    _delete_files_later(files)


# --- treatments --------------------------------------------------------------------------------
def _check_treatment(register: Register, data: Mapping[str, Any]) -> dict[str, list[str]]:
    errors = _check_text(data, ("measure", "owner_position", "kpi"))
    user = data.get("owner_user")
    if user is not None:
        from prongsai.organizations.models import Membership

        if not Membership.objects.filter(user=user, unit_id=register.assessment.unit_id).exists():
            errors["owner_user"] = [_("The responsible user must be a member of the unit.")]
    return errors


@transaction.atomic
def treatment_save(
    *, actor: Any, event: RiskEvent, treatment: Treatment | None = None, **fields: Any
) -> Treatment:
    register = event.process.register
    data = _clean(fields, TREATMENT_FIELDS)
    if treatment is None:
        data.setdefault("measure", "")
    if errors := _check_treatment(register, data):
        raise ValidationError(errors)
    if treatment is None:
        treatment = Treatment.objects.create(
            event=event, position=_next_position(event.treatments), **data
        )
        audit_record(
            actor=actor,
            action="risk_treatment.create",
            obj=treatment,
            unit_id=_unit_id(register),
            changes=model_snapshot(treatment, TREATMENT_FIELDS),
        )
        return treatment
    before = model_snapshot(treatment, TREATMENT_FIELDS)
    for name, value in data.items():
        setattr(treatment, name, value)
    treatment.save()
    audit_record(
        actor=actor,
        action="risk_treatment.update",
        obj=treatment,
        unit_id=_unit_id(register),
        changes=changes_between(before, model_snapshot(treatment, TREATMENT_FIELDS)),
    )
    return treatment


@transaction.atomic
def treatment_delete(*, actor: Any, treatment: Treatment) -> None:
    register = treatment.event.process.register
    audit_record(
        actor=actor,
        action="risk_treatment.delete",
        obj=treatment,
        unit_id=_unit_id(register),
        changes={"measure": treatment.measure},
    )
    files = list(
        FollowUpPhoto.objects.filter(followup__treatment=treatment).values_list("file", flat=True)
    )
    treatment.delete()
    _delete_files_later(files)


# --- follow-ups --------------------------------------------------------------------------------
def _latest_status(treatment: Treatment) -> str | None:
    latest = treatment.followups.order_by("-date", "-created_at").first()
    return latest.status if latest else None


@transaction.atomic
def followup_add(
    *,
    actor: Any,
    treatment: Treatment,
    round: int,
    date: dt.date,
    done: str,
    status: str,
    idempotency_key: str,
    result: str = "",
    residual_likelihood: int | None = None,
    residual_impact: int | None = None,
    links: Iterable[str] = (),
    photos: Sequence[PreparedPhoto] = (),
) -> FollowUp:
    """Record a follow-up of a treatment; the treatment's status follows its latest follow-up
    (by date), as a plan row's follows its latest progress update."""
    treatment = (
        Treatment.objects.select_for_update()
        .select_related("event__process__register__assessment")
        .get(pk=treatment.pk)
    )
    existing = FollowUp.objects.filter(treatment=treatment, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    register = treatment.event.process.register
    done = str(done or "").strip()
    result = str(result or "").strip()
    errors: dict[str, list[str]] = {}
    if not done:
        errors["done"] = [_("Say what was done.")]
    errors.update(_check_text({"done": done, "result": result}, ("done", "result")))
    if round not in Round.values:
        errors["round"] = [_("Choose the 6- or 12-month round.")]
    if status not in Status.values:
        errors["status"] = [_("Unknown status.")]
    if date > timezone.localdate() + dt.timedelta(days=1):
        errors["date"] = [_("The date is in the future.")]
    if (residual_likelihood is None) != (residual_impact is None):
        errors["residual_impact"] = [_("Give both the residual likelihood and impact, or none.")]
    elif residual_likelihood is not None:
        errors.update(
            check_rating(
                register_scheme(register), residual_likelihood, residual_impact, prefix="residual_"
            )
        )
    if len(photos) > MAX_PHOTOS_PER_UPDATE:
        errors["photos"] = [_("At most %(n)s photos per update.") % {"n": MAX_PHOTOS_PER_UPDATE}]
    if not idempotency_key or len(idempotency_key) > 64:
        errors["idempotency_key"] = [_("Reload the page and submit again.")]
    if errors:
        raise ValidationError(errors)
    links_kept = clean_links(links)
    followup = FollowUp.objects.create(
        treatment=treatment,
        round=round,
        date=date,
        done=done,
        result=result,
        status=status,
        residual_likelihood=residual_likelihood,
        residual_impact=residual_impact,
        links=links_kept,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        idempotency_key=idempotency_key,
    )
    stored: list[str] = []
    try:
        for prepared in photos:
            photo = FollowUpPhoto(
                followup=followup,
                content_type=prepared.content_type,
                size=len(prepared.content),
                width=prepared.width,
                height=prepared.height,
                original_name=prepared.original_name,
            )
            photo.file.save("photo", ContentFile(prepared.content), save=False)
            stored.append(str(photo.file.name))
            photo.save()
        before_status = treatment.status
        treatment.status = _latest_status(treatment) or treatment.status
        treatment.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="risk_followup.add",
            obj=followup,
            unit_id=_unit_id(register),
            changes={
                "treatment": treatment.measure[:200],
                "followup_round": round,
                "date": date,
                "done": done,
                "status": status,
                "residual_likelihood": residual_likelihood,
                "residual_impact": residual_impact,
                "links": links_kept,
                "photos": len(stored),
                "treatment_status": [before_status, treatment.status],
            },
        )
    except BaseException:
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise
    return followup


@transaction.atomic
def followup_delete(*, actor: Any, followup: FollowUp) -> None:
    followup = (
        FollowUp.objects.select_for_update()
        .select_related("treatment__event__process__register__assessment")
        .get(pk=followup.pk)
    )
    treatment = followup.treatment
    files = list(followup.photos.values_list("file", flat=True))
    audit_record(
        actor=actor,
        action="risk_followup.delete",
        obj=followup,
        unit_id=_unit_id(treatment.event.process.register),
        changes={
            "date": followup.date,
            "done": followup.done,
            "followup_round": followup.round,
        },
    )
    followup.delete()
    treatment.status = _latest_status(treatment) or Status.NOT_STARTED
    treatment.save(update_fields=["status", "updated_at"])
    _delete_files_later(files)


def _delete_files_later(names: list[str]) -> None:
    if not names:
        return

    def delete() -> None:
        from django.core.files.storage import default_storage

        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)


# --- import ------------------------------------------------------------------------------------
@transaction.atomic
def register_import(*, actor: Any, register: Register, parsed: Any, replace: bool) -> int:
    """Add (or, with ``replace``, put in place of everything) the processes of a checked file
    (``spreadsheet.parse_register`` without errors). Returns the events added."""
    if parsed.errors:
        raise ValidationError(parsed.errors)
    scheme = register_scheme(register)
    for process in parsed.processes:
        for event in process.events:
            if errors := check_rating(scheme, event.likelihood, event.impact):
                raise ValidationError([m for ms in errors.values() for m in ms])
    removed = 0
    files: list[str] = []
    if replace:
        removed = RiskEvent.objects.filter(process__register=register).count()
        files = list(
            FollowUpPhoto.objects.filter(
                followup__treatment__event__process__register=register
            ).values_list("file", flat=True)
        )
        register.processes.all().delete()
    existing = {p.name: p for p in register.processes.all()}
    position = _next_position(register.processes)
    added = 0
    for row in parsed.processes:
        process = existing.get(row.name)
        if process is None:
            process = Process.objects.create(
                register=register,
                position=position,
                name=row.name,
                section=row.section,
                legal_basis=row.legal_basis,
                authority_step=row.authority_step,
            )
            position += 1
            existing[row.name] = process
        event_position = _next_position(process.events)
        for e in row.events:
            event = RiskEvent.objects.create(
                process=process,
                position=event_position,
                description=e.description,
                cause=e.cause,
                risk_type=e.risk_type,
                controls=e.controls,
                likelihood=e.likelihood,
                impact=e.impact,
            )
            event_position += 1
            added += 1
            for index, t in enumerate(e.treatments, start=1):
                Treatment.objects.create(
                    event=event,
                    position=index,
                    measure=t.measure,
                    owner_position=t.owner_position,
                    due_date=t.due_date,
                    kpi=t.kpi,
                )
    audit_record(
        actor=actor,
        action="risk_register.import",
        obj=register,
        unit_id=_unit_id(register),
        changes={
            "mode": "replace" if replace else "append",
            "events_created": added,
            "events_removed": removed,
        },
    )
    _delete_files_later(files)
    return added

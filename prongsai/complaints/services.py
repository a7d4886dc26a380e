"""Every write on complaints: one function per state change, driven by the transition table.

Each runs in one transaction and is audited. Audit entries carry states, categories and
reasons of staff, never the complainant's identity or what they wrote. The complainant's own
writes (submission, replies, files, a later reveal) are recorded under the label "complainant".
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.core.encryption import decrypt, encrypt
from prongsai.core.site import site_base
from prongsai.disclosures.uploads import CheckedUpload
from prongsai.mail.outbox import mail_queue
from prongsai.organizations.models import Membership, Unit
from prongsai.surveys.ratelimit import RateLimited, rate_count, rate_hit, rate_prepare, rate_reached

from . import receipts
from .files import check_upload, delete_stored, store_encrypted
from .identity import Identity, identity_open, identity_seal
from .models import (
    CaseFile,
    Category,
    ChannelSettings,
    Complaint,
    IdentityReveal,
    Message,
    Outcome,
    State,
    Transition,
)
from .roles import HANDLER
from .selectors import (
    categories_of,
    channel_settings_of,
    deadline_of,
    default_settings,
    overdue_cases,
)

COMPLAINANT = "complainant"

# The transition table: for each service, the states it starts from and the state it ends in.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "acknowledge": (frozenset({State.RECEIVED}), State.ACKNOWLEDGED),
    "investigate": (frozenset({State.ACKNOWLEDGED}), State.INVESTIGATING),
    "conclude": (frozenset({State.ACKNOWLEDGED, State.INVESTIGATING}), State.CONCLUDED),
    "close": (frozenset({State.CONCLUDED}), State.CLOSED),
    "reopen": (frozenset({State.CONCLUDED, State.CLOSED}), State.INVESTIGATING),
}


class TransitionRefused(ValidationError):
    pass


@dataclass(frozen=True)
class Submitted:
    complaint: Complaint
    receipt: str  # the code, shown once; never stored


def _now() -> dt.datetime:
    return timezone.now()


def _move(complaint: Complaint, transition: str, *, reason: str = "") -> str:
    sources, target = TRANSITIONS[transition]
    if complaint.state not in sources:
        raise TransitionRefused(
            _("This case is “%(state)s”: it cannot be moved this way now.")
            % {"state": complaint.get_state_display()},
            code="state",
        )
    before = complaint.state
    complaint.state = target
    Transition.objects.create(
        complaint=complaint, from_state=before, to_state=target, at=_now(), reason=reason
    )
    return before


def _audit(
    actor: Actor, action: str, complaint: Complaint, changes: dict[str, object] | None = None
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=complaint,
        object_repr=complaint.reference,
        unit_id=complaint.unit_id,
        changes=changes or {},
    )


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@dataclass(frozen=True)
class _StoredFile:
    name: str  # in the file store, encrypted
    info: CheckedUpload


def _store_files(unit_id: object, attachments: Sequence[UploadedFile]) -> list[_StoredFile]:
    """Check every file once (nothing stored when one is refused), then store them encrypted —
    before the case's transaction, so that neither the checks (pictures are re-encoded) nor the
    encryption and the writes hold the database's write lock. The caller removes the stored
    names again when its transaction fails."""
    checked = [(upload, check_upload(upload)) for upload in attachments]
    stored: list[_StoredFile] = []
    try:
        for upload, info in checked:
            stored.append(_StoredFile(store_encrypted(upload, info, unit_id=unit_id), info))
    except BaseException:
        delete_stored([f.name for f in stored])
        raise
    return stored


def _record_files(
    complaint: Complaint, stored: Sequence[_StoredFile], *, from_reporter: bool
) -> None:
    """The case's rows of files already stored (inside the case's transaction)."""
    CaseFile.objects.bulk_create(
        CaseFile(
            complaint=complaint,
            from_reporter=from_reporter,
            storage_name=f.name,
            original_name=f.info.original_name,
            content_type=f.info.content_type,
            size=f.info.size,
            sha256=f.info.sha256,
        )
        for f in stored
    )


# --- the complainant --------------------------------------------------------------------------
def complaint_submit(
    *,
    unit: Unit,
    submission_id: uuid.UUID,
    category: str,
    details: str,
    happened_on: dt.date | None,
    place: str,
    officers: str,
    identity: Identity | None,
    attachments: Sequence[UploadedFile] = (),
    address: str,
) -> Submitted:
    """Store a complaint (rate-limited per address; no address is kept with it) and hand out
    its receipt code. A retried submission (same id) raises ``IntegrityError``."""
    if len(attachments) > 5:
        raise ValidationError(_("At most 5 files can be attached."), code="files")
    channel = channel_settings_of(unit)
    if category not in dict(categories_of(channel)):
        raise ValidationError(
            _("This unit does not take complaints of this kind."), code="category"
        )
    hit = rate_prepare(
        scope="complaint", address=address, limit=int(settings.COMPLAINTS_RATE_LIMIT_PER_MINUTE)
    )
    if rate_reached(hit):  # refused before the costly part (files, the Argon2 hash)
        raise RateLimited
    # Everything costly happens before the transaction, so that SQLite's single write lock
    # (and PostgreSQL's row locks) are held only for the inserts: the Argon2 hash of the
    # receipt code (tens of milliseconds by design), the identity's encryption, the files.
    code = receipts.receipt_new()
    receipt_lookup = receipts.receipt_lookup(code)
    receipt_hash = receipts.receipt_hash(code)
    identity_token = identity_seal(identity) if identity else None
    stored = _store_files(unit.pk, attachments)
    try:
        with transaction.atomic():
            rate_count(hit)
            complaint = Complaint.objects.create(
                unit=unit,
                submission_id=submission_id,
                category=category,
                details=details,
                happened_on=happened_on,
                place=place,
                officers=officers,
                anonymous=identity is None,
                identity_token=identity_token,
                receipt_lookup=receipt_lookup,
                receipt_hash=receipt_hash,
                received_at=_now(),
            )
            Transition.objects.create(
                complaint=complaint,
                from_state="",
                to_state=State.RECEIVED,
                at=complaint.received_at,
            )
            _record_files(complaint, stored, from_reporter=True)
            _audit(
                COMPLAINANT,
                "complaint.submit",
                complaint,
                {"category": category, "anonymous": identity is None, "files": len(stored)},
            )
            if channel.notify_handlers:
                _notify_handlers(complaint)
    except BaseException:
        delete_stored([f.name for f in stored])
        raise
    return Submitted(complaint=complaint, receipt=code)


def complaint_by_receipt(*, code: str, address: str) -> Complaint | None:
    """The case of a receipt code, or None. Every attempt counts against the address (a
    committed counter: too many attempts a minute raise ``RateLimited``)."""
    with transaction.atomic():
        rate_hit(
            scope="complaint-receipt",
            address=address,
            limit=int(settings.COMPLAINTS_CODE_ATTEMPTS_PER_MINUTE),
        )
    digits = receipts.receipt_normalise(code)
    if not digits:
        return None
    candidates = list(
        Complaint.objects.filter(
            receipt_lookup=receipts.receipt_lookup(digits), purged_at__isnull=True
        )
    )
    if not candidates:
        receipts.receipt_matches(digits, receipts.dummy_hash())  # a miss costs the same time
    for complaint in candidates:
        if receipts.receipt_matches(digits, complaint.receipt_hash):
            return complaint
    return None


def complaint_reply(
    *, complaint: Complaint, body: str, attachments: Sequence[UploadedFile] = ()
) -> Message | None:
    """The complainant answers (text and/or files) from the tracking page."""
    if not body.strip() and not attachments:
        raise ValidationError(_("Write a message or attach a file."), code="empty")
    if len(attachments) > 5:
        raise ValidationError(_("At most 5 files can be attached."), code="files")
    stored = _store_files(complaint.unit_id, attachments)
    try:
        with transaction.atomic():
            complaint = _locked(complaint)
            if complaint.state == State.CLOSED or complaint.purged_at:
                raise TransitionRefused(
                    _("This case is closed: it takes no more messages."), code="closed"
                )
            message = None
            if body.strip():
                message = Message.objects.create(
                    complaint=complaint, author=Message.Author.REPORTER, body=body.strip()
                )
            _record_files(complaint, stored, from_reporter=True)
            complaint.save(update_fields=["updated_at"])
            _audit(
                COMPLAINANT,
                "complaint.reply",
                complaint,
                {"message": bool(message), "files": len(stored)},
            )
    except BaseException:
        delete_stored([f.name for f in stored])
        raise
    return message


@transaction.atomic
def complaint_identity_give(*, complaint: Complaint, identity: Identity) -> Complaint:
    """An anonymous complainant chooses to give their name and contact later."""
    complaint = _locked(complaint)
    if not complaint.anonymous:
        raise TransitionRefused(_("This complaint already carries your name."), code="given")
    complaint.anonymous = False
    complaint.identity_token = identity_seal(identity)
    complaint.save(update_fields=["anonymous", "identity_token", "updated_at"])
    _audit(COMPLAINANT, "complaint.identity_give", complaint, {"anonymous": False})
    return complaint


def _notify_handlers(complaint: Complaint) -> None:
    """One mail to each handler of the unit: the case reference and the link, never what was
    written (the mail leaves the product)."""
    to = sorted(
        {
            m.user.email
            for m in Membership.objects.filter(unit_id=complaint.unit_id, role=HANDLER)
            .exclude(user__email="")
            .select_related("user")
        }
    )
    if not to:
        return
    link = site_base() + reverse(
        "complaints:case", kwargs={"slug": complaint.unit.slug, "complaint_id": complaint.pk}
    )
    mail_queue(
        kind="mail.message",
        to=to,
        unit_id=complaint.unit_id,
        params={
            "subject": _("New complaint %(reference)s") % {"reference": complaint.reference},
            "body": _("A new complaint arrived through the unit's complaint channel: %(link)s")
            % {"link": link},
        },
    )


@transaction.atomic
def channel_settings_save(
    *,
    actor: Actor,
    unit: Unit,
    ack_days: int,
    answer_days: int,
    conclude_days: int,
    categories: Sequence[str],
    responsible: str,
    channels: str,
    notify_handlers: bool,
) -> ChannelSettings:
    """Save the unit's channel settings (deadlines in order, at least one category)."""
    if not 1 <= ack_days <= answer_days <= conclude_days <= 365:
        raise ValidationError(
            _(
                "The days must be in order: acknowledge, then first answer, then conclude "
                "(1 to 365 days)."
            ),
            code="days",
        )
    taken = [c for c in Category.values if c in set(categories)]
    if not taken:
        raise ValidationError(_("Choose at least one category."), code="categories")
    channel = ChannelSettings.objects.select_for_update().filter(unit=unit).first()
    before = channel or default_settings(unit)
    fields = (
        "ack_days",
        "answer_days",
        "conclude_days",
        "categories",
        "responsible",
        "channels",
        "notify_handlers",
    )
    old = {f: getattr(before, f) for f in fields}
    channel = channel or ChannelSettings(unit=unit)
    values = {
        "ack_days": ack_days,
        "answer_days": answer_days,
        "conclude_days": conclude_days,
        "categories": taken,
        "responsible": responsible.strip(),
        "channels": channels.strip(),
        "notify_handlers": notify_handlers,
    }
    for field, value in values.items():
        setattr(channel, field, value)
    channel.save()
    audit_record(
        actor=actor,
        action="complaint.settings",
        obj=channel,
        object_repr=unit.slug,
        unit_id=unit.pk,
        changes={f: [old[f], values[f]] for f in fields if old[f] != values[f]},
    )
    return channel


# --- handlers ---------------------------------------------------------------------------------
def _transition(
    actor: User,
    complaint: Complaint,
    name: str,
    *,
    reason: str = "",
    extra: dict[str, object] | None = None,
) -> Complaint:
    before = _move(complaint, name, reason=reason)
    changes: dict[str, object] = {"state": [before, complaint.state]}
    if reason:
        changes["reason"] = reason
    changes.update(extra or {})
    complaint.save()
    _audit(actor, f"complaint.{name}", complaint, changes)
    return complaint


@transaction.atomic
def complaint_acknowledge(*, actor: User, complaint: Complaint) -> Complaint:
    complaint = _locked(complaint)
    _move_check(complaint, "acknowledge")
    complaint.acknowledged_at = _now()
    return _transition(actor, complaint, "acknowledge")


@transaction.atomic
def complaint_investigate(*, actor: User, complaint: Complaint) -> Complaint:
    complaint = _locked(complaint)
    _move_check(complaint, "investigate")
    return _transition(actor, complaint, "investigate")


@transaction.atomic
def complaint_conclude(
    *,
    actor: User,
    complaint: Complaint,
    outcome: str,
    conclusion: str,
    referred_to: str = "",
    referral_reference: str = "",
) -> Complaint:
    complaint = _locked(complaint)
    _move_check(complaint, "conclude")
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose the outcome of the case."), code="outcome")
    if outcome == Outcome.REFERRED and not referred_to.strip():
        raise ValidationError(
            _("Name the agency the case was referred to (e.g. NACC or PACC)."), code="referred"
        )
    complaint.outcome = outcome
    complaint.conclusion = conclusion
    complaint.referred_to = referred_to.strip() if outcome == Outcome.REFERRED else ""
    complaint.referral_reference = referral_reference.strip() if outcome == Outcome.REFERRED else ""
    complaint.concluded_at = _now()
    if complaint.first_answer_at is None:
        complaint.first_answer_at = complaint.concluded_at
    return _transition(
        actor,
        complaint,
        "conclude",
        extra={"outcome": outcome, "referred_to": complaint.referred_to},
    )


@transaction.atomic
def complaint_close(*, actor: User, complaint: Complaint) -> Complaint:
    complaint = _locked(complaint)
    _move_check(complaint, "close")
    complaint.closed_at = _now()
    return _transition(actor, complaint, "close")


@transaction.atomic
def complaint_reopen(*, actor: User, complaint: Complaint, reason: str) -> Complaint:
    complaint = _locked(complaint)
    _move_check(complaint, "reopen")
    if not reason.strip():
        raise ValidationError(_("Give the reason for reopening the case."), code="reason")
    complaint.outcome = ""
    complaint.concluded_at = None
    complaint.closed_at = None
    return _transition(actor, complaint, "reopen", reason=reason.strip())


def _move_check(complaint: Complaint, name: str) -> None:
    sources, _target = TRANSITIONS[name]
    if complaint.purged_at or complaint.state not in sources:
        raise TransitionRefused(
            _("This case is “%(state)s”: it cannot be moved this way now.")
            % {"state": complaint.get_state_display()},
            code="state",
        )


@transaction.atomic
def complaint_message_send(
    *, actor: User, complaint: Complaint, body: str, internal: bool
) -> Message:
    """A message to the complainant, or an internal note they never see."""
    complaint = _locked(complaint)
    if complaint.purged_at:
        raise TransitionRefused(_("This case was purged."), code="purged")
    if not body.strip():
        raise ValidationError(_("Write the message."), code="empty")
    if not internal and complaint.state == State.CLOSED:
        raise TransitionRefused(
            _("This case is closed: reopen it to write to the complainant."), code="closed"
        )
    message = Message.objects.create(
        complaint=complaint,
        author=Message.Author.HANDLER,
        internal=internal,
        body=body.strip(),
        written_by=actor,
    )
    fields = ["updated_at"]
    if not internal and complaint.first_answer_at is None:
        complaint.first_answer_at = message.created_at
        fields.append("first_answer_at")
    complaint.save(update_fields=fields)
    _audit(actor, "complaint.note" if internal else "complaint.message", complaint)
    return message


@transaction.atomic
def complaint_assign(*, actor: User, complaint: Complaint, handler: User | None) -> Complaint:
    complaint = _locked(complaint)
    if handler is not None and complaint.excluded.filter(pk=handler.pk).exists():
        raise ValidationError(
            _("This handler is named in the case and is excluded from it."), code="excluded"
        )
    before = complaint.assigned_to_id
    complaint.assigned_to = handler
    complaint.save(update_fields=["assigned_to", "updated_at"])
    _audit(
        actor,
        "complaint.assign",
        complaint,
        {"assigned_to": [before, handler.pk if handler else None]},
    )
    return complaint


@transaction.atomic
def complaint_exclude(*, actor: User, complaint: Complaint, handler: User) -> Complaint:
    """A handler named in the case is excluded from it (conflict of interest)."""
    complaint = _locked(complaint)
    if handler.pk == getattr(actor, "pk", None):
        raise ValidationError(
            _("Ask another handler to record your own conflict of interest."), code="self"
        )
    complaint.excluded.add(handler)
    fields = ["updated_at"]
    if complaint.assigned_to_id == handler.pk:
        complaint.assigned_to = None
        fields.append("assigned_to")
    complaint.save(update_fields=fields)
    _audit(actor, "complaint.exclude", complaint, {"excluded": handler.pk})
    return complaint


# --- identity custodians ----------------------------------------------------------------------
@transaction.atomic
def complaint_identity_reveal(*, actor: User, complaint: Complaint, reason: str) -> Identity:
    """Decrypt the complainant's identity for an identity custodian: a reason is required and
    the reveal is recorded (audit log, and the reveals list the unit's head reads)."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for revealing the identity."), code="reason")
    if complaint.anonymous or not complaint.identity_token:
        raise TransitionRefused(_("The complainant stayed anonymous."), code="anonymous")
    identity = identity_open(bytes(complaint.identity_token))
    IdentityReveal.objects.create(complaint=complaint, revealed_by=actor, reason=reason.strip())
    _audit(actor, "complaint.identity_reveal", complaint, {"reason": reason.strip()})
    return identity


# --- retention and keys -----------------------------------------------------------------------
@transaction.atomic
def complaints_purge(*, actor: Actor, now: dt.datetime | None = None) -> int:
    """Remove the content, files, messages and identity of cases closed longer ago than
    COMPLAINTS_RETENTION_DAYS; the row stays with its category, states, outcome and dates (the
    anonymous statistics)."""
    now = now or _now()
    limit = now - dt.timedelta(days=int(settings.COMPLAINTS_RETENTION_DAYS))
    due = list(
        Complaint.objects.select_for_update().filter(
            state=State.CLOSED, closed_at__lt=limit, purged_at__isnull=True
        )
    )
    names: list[str] = []
    for complaint in due:
        names += list(complaint.files.values_list("storage_name", flat=True))
        complaint.files.all().delete()
        complaint.messages.all().delete()
        complaint.reveals.all().delete()
        complaint.excluded.clear()
        Transition.objects.filter(complaint=complaint).update(reason="")
        complaint.details = ""
        complaint.place = ""
        complaint.officers = ""
        complaint.happened_on = None
        complaint.identity_token = None
        complaint.conclusion = ""
        complaint.referral_reference = ""
        complaint.receipt_hash = ""
        complaint.receipt_lookup = ""
        complaint.assigned_to = None
        complaint.purged_at = now
        complaint.save()
        _audit(actor, "complaint.purge", complaint)
    transaction.on_commit(lambda: delete_stored(names))
    return len(due)


def complaints_rotate_key(*, actor: Actor) -> int:
    """Re-encrypt every identity and file with the current DATA_ENCRYPTION_KEY (after a new key
    was put first and the old one moved to DATA_ENCRYPTION_OLD_KEYS). Returns the count."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    count = 0
    with transaction.atomic():
        for complaint in Complaint.objects.select_for_update().exclude(identity_token=None):
            token = bytes(complaint.identity_token or b"")
            complaint.identity_token = encrypt(decrypt(token))
            complaint.save(update_fields=["identity_token"])
            count += 1
        for case_file in CaseFile.objects.select_for_update():
            with default_storage.open(case_file.storage_name, "rb") as handle:
                data = decrypt(handle.read())
            default_storage.delete(case_file.storage_name)
            default_storage.save(case_file.storage_name, ContentFile(encrypt(data)))
            count += 1
        audit_record(actor=actor, action="complaints.rotate_key", changes={"count": count})
    return count


def submission_stored(submission_id: uuid.UUID) -> bool:
    return Complaint.objects.filter(submission_id=submission_id).exists()


def complaints_remind() -> int:
    """Queue, for each handler of a unit with overdue cases, one mail listing the overdue cases
    they may see (references and deadlines only; the outbox delivers it). Returns the count."""
    by_unit: dict[uuid.UUID, list[Complaint]] = {}
    for complaint in overdue_cases():
        by_unit.setdefault(complaint.unit_id, []).append(complaint)
    queued = 0
    for unit_id, cases in by_unit.items():
        slug = cases[0].unit.slug
        channel = channel_settings_of(cases[0].unit)
        link = site_base() + reverse("complaints:cases", kwargs={"slug": slug})
        for membership in Membership.objects.filter(unit_id=unit_id, role=HANDLER).select_related(
            "user"
        ):
            user = membership.user
            mine = [c for c in cases if not c.excluded.filter(pk=user.pk).exists()]
            if not user.email or not mine:
                continue
            lines = []
            for case in mine:
                deadline = deadline_of(case, channel=channel)
                if deadline is not None:
                    lines.append(f"{case.reference}: {deadline.label} {deadline.due:%Y-%m-%d}")
            with transaction.atomic():
                mail_queue(
                    kind="mail.message",
                    to=[user.email],
                    unit_id=unit_id,
                    params={
                        "subject": _("Overdue complaints: %(count)s") % {"count": len(mine)},
                        "body": "\n".join([*lines, "", link]),
                    },
                )
            queued += 1
    return queued

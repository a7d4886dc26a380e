"""Writes on questions, feedback and the FAQ: one function per change, audited. The public's
writes are rate-limited per client address (the address itself is not kept)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record
from prongsai.core.site import site_base
from prongsai.mail.outbox import mail_queue
from prongsai.organizations.duties import Role
from prongsai.organizations.models import Membership, Unit
from prongsai.surveys.ratelimit import rate_hit

from .models import FaqEntry, Kind, Question, QuestionState

PUBLIC = "public"


class StateRefused(ValidationError):
    pass


def _audit(actor: User | str, action: str, obj: Question | FaqEntry, **changes: object) -> None:
    audit_record(actor=actor, action=action, obj=obj, unit_id=obj.unit_id, changes=changes)


def _staff_addresses(unit: Unit) -> list[str]:
    """The unit's designated staff for questions: its editors and admins."""
    return sorted(
        {
            address
            for address in Membership.objects.filter(
                unit=unit, role__in=[Role.EDITOR, Role.ADMIN]
            ).values_list("user__email", flat=True)
            if address
        }
    )


def question_submit(
    *, unit: Unit, submission_id: uuid.UUID, kind: str, name: str, body: str, address: str
) -> Question:
    """Store a question or feedback from the public; tell the unit's staff by e-mail."""
    if kind not in Kind.values:
        raise ValidationError(_("Choose a question or feedback."), code="kind")
    with transaction.atomic():
        rate_hit(
            scope="inquiry", address=address, limit=int(settings.INQUIRIES_RATE_LIMIT_PER_MINUTE)
        )
        question = Question.objects.create(
            unit=unit, submission_id=submission_id, kind=kind, name=name.strip(), body=body.strip()
        )
        _audit(PUBLIC, "inquiry.submit", question, kind=kind)
        staff = _staff_addresses(unit)
        if staff:
            link = site_base() + reverse(
                "inquiries:question", kwargs={"slug": unit.slug, "question_id": question.pk}
            )
            mail_queue(
                kind="mail.message",
                to=staff,
                unit_id=unit.pk,
                params={
                    "subject": _("New %(kind)s for %(unit)s")
                    % {"kind": question.get_kind_display(), "unit": unit.name_th},
                    "body": _("A new %(kind)s arrived through the unit's public page: %(link)s")
                    % {"kind": question.get_kind_display(), "link": link},
                },
            )
    return question


def submission_stored(submission_id: uuid.UUID) -> bool:
    return Question.objects.filter(submission_id=submission_id).exists()


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


@transaction.atomic
def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """Write (or correct) the answer; a question waits for publication, feedback is done."""
    question = _locked(question)
    if not answer.strip():
        raise ValidationError(_("Write the answer."), code="empty")
    if question.state == QuestionState.REJECTED:
        raise StateRefused(_("This question was not published; it takes no answer."), code="state")
    first = question.answered_at is None
    question.answer = answer.strip()
    if first:
        question.answered_at = timezone.now()
        question.answered_by = actor
    if question.state == QuestionState.PENDING:
        question.state = QuestionState.ANSWERED
    question.save()
    _audit(actor, "inquiry.answer", question, first=first)
    return question


@transaction.atomic
def question_publish(*, actor: User, question: Question) -> Question:
    question = _locked(question)
    if question.kind != Kind.QUESTION:
        raise StateRefused(_("Feedback is never published."), code="feedback")
    if question.state != QuestionState.ANSWERED:
        raise StateRefused(_("Only an answered question can be published."), code="state")
    question.state = QuestionState.PUBLISHED
    question.published_at = timezone.now()
    question.save(update_fields=["state", "published_at", "updated_at"])
    _audit(actor, "inquiry.publish", question)
    return question


@transaction.atomic
def question_reject(*, actor: User, question: Question, reason: str) -> Question:
    """Moderation: the question is not published (offensive, personal data, off-topic)."""
    question = _locked(question)
    if question.state == QuestionState.REJECTED:
        raise StateRefused(_("This question is already not published."), code="state")
    if not reason.strip():
        raise ValidationError(_("Give the reason for not publishing."), code="reason")
    question.state = QuestionState.REJECTED
    question.reject_reason = reason.strip()[:300]
    question.published_at = None
    question.save(update_fields=["state", "reject_reason", "published_at", "updated_at"])
    _audit(actor, "inquiry.reject", question, reason=question.reject_reason)
    return question


@transaction.atomic
def faq_entry_save(
    *,
    actor: User,
    unit: Unit,
    question: str,
    answer: str,
    position: int,
    entry: FaqEntry | None = None,
) -> FaqEntry:
    if not question.strip() or not answer.strip():
        raise ValidationError(_("Write the question and its answer."), code="empty")
    created = entry is None
    if entry is None:
        entry = FaqEntry(unit=unit)
    entry.question, entry.answer, entry.position = question.strip(), answer.strip(), position
    entry.save()
    _audit(actor, "faq.create" if created else "faq.update", entry)
    return entry


@transaction.atomic
def faq_entry_delete(*, actor: User, entry: FaqEntry) -> None:
    _audit(actor, "faq.delete", entry, question=entry.question)
    entry.delete()

"""The unit's side of the workflow: answer and self-check, submit, head approval, clarification.

    draft ──submit──► (awaiting_approval ──approve──►) submitted ──evaluator──► returned
    returned ──submit──► (awaiting_approval ──approve──►) resubmitted ──evaluator──► accepted/rejected

The head's step is there when the unit requires it (``Unit.require_head_approval``); the head may
send the item back with a note, and the editor may withdraw it while it waits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.frameworks.models import Item
from prongsai.organizations.models import Membership

from ..models import CriterionWork, ItemResult, ItemWork, SelfCheck, WorkState
from ..states import Event
from .common import (
    DisclosureError,
    apply_transition,
    audit_work,
    lock_work,
    open_work,
    require_editable,
)


@dataclass(frozen=True)
class CriterionCheckInput:
    self_check: str = ""  # "", "met", "partly", "not_met"
    note: str = ""


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def work_save_answer(
    *,
    actor: Any,
    assessment: Assessment,
    item: Item,
    answer_text: str,
    owner: Any,
    checks: Mapping[str, CriterionCheckInput],
) -> ItemWork:
    """Save the answer ("ตอบคำถาม"), the owner and the self-check and note per criterion."""
    work, created = open_work(assessment=assessment, item=item)
    require_editable(work)
    if (
        owner is not None
        and not Membership.objects.filter(user_id=owner.pk, unit_id=assessment.unit_id).exists()
    ):
        raise DisclosureError(_("The owner must be a member of the unit."))
    criteria = {c.code: c for c in item.criteria.all()}
    unknown = set(checks) - set(criteria)
    if unknown:
        raise DisclosureError(
            _("Unknown criteria: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
        )
    for check in checks.values():
        if check.self_check and check.self_check not in SelfCheck.values:
            raise DisclosureError(_("Unknown self-check value."))
    changes: dict[str, Any] = {}
    answer_text = (answer_text or "").strip()
    if work.answer_text != answer_text:
        changes["answer"] = [work.answer_text, answer_text]
        work.answer_text = answer_text
    if work.owner_id != (owner.pk if owner else None):
        changes["owner"] = [
            work.owner.get_username() if work.owner else None,
            owner.get_username() if owner else None,
        ]
        work.owner = owner
    work.save()
    rows = {r.criterion_id: r for r in CriterionWork.objects.filter(work=work)}
    for code, check in checks.items():
        criterion = criteria[code]
        row = rows.get(criterion.pk) or CriterionWork(work=work, criterion=criterion)
        note = (check.note or "").strip()
        if (row.self_check, row.note) == (check.self_check, note):
            continue
        if row.self_check != check.self_check:
            changes[f"{code} self-check"] = [row.self_check, check.self_check]
        if row.note != note:
            changes[f"{code} note"] = [row.note, note]
        row.self_check, row.note = check.self_check, note
        row.save()
    if created and not changes:
        # Saving an empty form still starts the item's record: the log says who started it.
        changes["state"] = [None, work.state]
    if changes:
        audit_work(actor=actor, action="oit.answer", work=work, changes=changes)
    return work


@transaction.atomic
def work_submit(*, actor: Any, work: ItemWork) -> ItemWork:
    """Send the item to the evaluator, or to the head first when the unit requires it."""
    work = lock_work(work)
    require_editable(work)
    if not work.evidence.filter(is_published=True).exists():
        raise DisclosureError(
            _("Add and publish at least one piece of evidence before submitting %(code)s.")
            % {"code": work.item.code}
        )
    old = work.state
    if work.assessment.unit.require_head_approval:
        apply_transition(actor=actor, work=work, event=Event.SUBMIT_FOR_APPROVAL)
        action = "oit.submit_for_approval"
    else:
        apply_transition(actor=actor, work=work, event=Event.SUBMIT)
        action = "oit.resubmit" if work.rework_used else "oit.submit"
        work.submitted_at = timezone.now()
    work.submitted_by = _user(actor)
    work.head_note = ""
    work.save()
    audit_work(actor=actor, action=action, work=work, changes={"state": [old, work.state]})
    return work


def _require_awaiting_approval(work: ItemWork) -> None:
    if work.state != WorkState.AWAITING_APPROVAL:
        raise DisclosureError(
            _("%(code)s is not waiting for the head's approval.") % {"code": work.item.code}
        )


@transaction.atomic
def work_approve(*, actor: Any, work: ItemWork) -> ItemWork:
    """The head approves: the item goes to the evaluator."""
    work = lock_work(work)
    _require_awaiting_approval(work)
    old = work.state
    apply_transition(actor=actor, work=work, event=Event.APPROVE)
    work.approved_at = work.submitted_at = timezone.now()
    work.approved_by = _user(actor)
    work.save()
    audit_work(actor=actor, action="oit.approve", work=work, changes={"state": [old, work.state]})
    return work


@transaction.atomic
def work_send_back(*, actor: Any, work: ItemWork, note: str) -> ItemWork:
    """The head does not approve: the item goes back to the editors with a note."""
    note = (note or "").strip()
    if not note:
        raise DisclosureError(_("Write a note that tells the editors what to change."))
    work = lock_work(work)
    _require_awaiting_approval(work)
    old = work.state
    apply_transition(actor=actor, work=work, event=Event.SEND_BACK)
    work.head_note = note
    work.save()
    audit_work(
        actor=actor,
        action="oit.send_back",
        work=work,
        changes={"state": [old, work.state], "note": note},
    )
    return work


@transaction.atomic
def work_withdraw(*, actor: Any, work: ItemWork) -> ItemWork:
    """The editor takes back an item that still waits for the head."""
    work = lock_work(work)
    _require_awaiting_approval(work)
    old = work.state
    apply_transition(actor=actor, work=work, event=Event.WITHDRAW)
    work.save()
    audit_work(actor=actor, action="oit.withdraw", work=work, changes={"state": [old, work.state]})
    return work


@transaction.atomic
def work_save_clarification(*, actor: Any, work: ItemWork, text: str) -> ItemWork:
    """The unit's clarification on an item the evaluator failed (for the appeal pack)."""
    work = lock_work(work)
    if work.result != ItemResult.FAIL:
        raise DisclosureError(
            _("A clarification can only be written for an item the evaluator failed.")
        )
    text = (text or "").strip()
    if text != work.clarification_text:
        changes = {"clarification": [work.clarification_text, text]}
        work.clarification_text = text
        work.save(update_fields=["clarification_text", "updated_at"])
        audit_work(actor=actor, action="oit.clarify", work=work, changes=changes)
    return work

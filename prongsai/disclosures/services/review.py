"""The evaluator's review: per criterion pass / fail / conditional, a comment the unit sees and a
private note it does not.

One service per step (``states.py`` has the moves):

* :func:`review_draft_save` — write or change the review of the current round. The draft is a
  :class:`ReviewDraft`, kept apart from the released result: nothing the unit, the public or the
  score reads changes, and the item stays where it is.
* :func:`review_return` — release round one and send the item back for its one round of rework.
* :func:`review_complete` — release the result (accept when it passes, reject otherwise; both
  final). A failing result needs ``confirm_fail=True``: rejecting cannot be undone.

Releasing copies the draft into ``ItemWork`` / ``CriterionWork`` (the item's result from
``rules.item_result``, the one pass/fail rule scoring uses too), stores the move and deletes the
draft, so round two starts empty. Every service checks that the actor may evaluate the unit
(``Capability.EVALUATE``, which separation of duties suspends for someone holding another role in
the unit) — not only the views.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.frameworks.models import Criterion
from prongsai.organizations.access import Capability, access_for

from ..models import (
    AWAITING_REVIEW_STATES,
    CriterionDraft,
    CriterionWork,
    ItemWork,
    PrivateNote,
    ReviewDraft,
    ReviewResult,
)
from ..rules import FAIL, PASS, item_result
from ..states import Event
from .common import (
    DisclosureError,
    actor_user,
    apply_transition,
    audit_work,
    lock_work,
    touch_score,
)

ACTIONS = ("save", "return", "complete")


@dataclass(frozen=True)
class CriterionReviewInput:
    result: str = ""  # "", "pass", "fail", "conditional"
    comment: str = ""  # shown to the unit once released
    private_note: str = ""  # evaluators only


def require_evaluator(actor: Actor, work: ItemWork) -> None:
    """Refuse unless ``actor`` may evaluate the item's unit. A system label (a command, the demo
    loader) acts with the operator's authority; a person needs ``Capability.EVALUATE`` there —
    which an evaluator who also holds another role in the unit does not have (duties.py)."""
    if isinstance(actor, str):
        return
    if not (
        isinstance(actor, AbstractBaseUser)
        and actor.is_authenticated
        and access_for(actor, work.assessment.unit).has(Capability.EVALUATE)
    ):
        raise DisclosureError(
            _(
                "Only an evaluator of %(unit)s can review its items. Someone who also holds "
                "another role in the unit (editor, head, admin, viewer) cannot evaluate it."
            )
            % {"unit": work.assessment.unit.name}
        )


def _locked_for_review(actor: Actor, work: ItemWork) -> ItemWork:
    work = lock_work(work)
    require_evaluator(actor, work)
    if work.state not in AWAITING_REVIEW_STATES:
        raise DisclosureError(
            _("%(code)s is %(state)s: it is not waiting for a review.")
            % {"code": work.item.code, "state": work.get_state_display()}
        )
    return work


def _save_private_note(
    *, actor: Actor, work: ItemWork, criterion: Criterion | None, text: str, label: str
) -> None:
    """Upsert or delete one private note. Audited without its text and without the unit id, so
    neither the item's history nor the unit's audit log can show it."""
    text = (text or "").strip()
    note = PrivateNote.objects.filter(work=work, criterion=criterion).first()
    if note is None and not text:
        return
    if note is not None and note.text == text:
        return
    user = actor_user(actor)
    if not text:
        assert note is not None
        note.delete()
        change = "deleted"
    elif note is None:
        note = PrivateNote.objects.create(
            work=work, criterion=criterion, author_id=getattr(user, "pk", None), text=text
        )
        change = "added"
    else:
        note.text, note.author_id = text, getattr(user, "pk", None)
        note.save()
        change = "changed"
    audit_record(
        actor=actor,
        action=f"oit.private_note.{change}",
        object_type="disclosures.privatenote",
        object_id=str(work.pk),
        object_repr=f"{work.assessment.year} {work.item.code} {label}",
        changes={"length": len(text)},
    )


@transaction.atomic
def review_draft_save(
    *,
    actor: Actor,
    work: ItemWork,
    criteria: Mapping[str, CriterionReviewInput],
    comment: str = "",
    decision: str = "",
    private_note: str = "",
) -> ReviewDraft:
    """Write the review of the current round as a draft (nothing is released, the score does
    not move). Criteria left out keep what the draft had."""
    work = _locked_for_review(actor, work)
    item_criteria = list(work.item.criteria.all())
    by_code = {c.code: c for c in item_criteria}
    unknown = set(criteria) - set(by_code)
    if unknown:
        raise DisclosureError(
            _("Unknown criteria: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
        )
    values = [entry.result for entry in criteria.values()] + [decision]
    if any(value and value not in ReviewResult.values for value in values):
        raise DisclosureError(_("Unknown review result."))

    draft = ReviewDraft.objects.filter(work=work).first()
    if draft is not None and draft.round != work.review_round:  # a stale draft: start afresh
        draft.delete()
        draft = None
    if draft is None:
        draft = ReviewDraft(work=work, round=work.review_round)
    changes: dict[str, object] = {}
    comment = (comment or "").strip()
    if comment != draft.comment:
        changes["comment"] = comment
        draft.comment = comment
    if not item_criteria and decision != draft.decision:
        changes["decision"] = [draft.decision, decision]
        draft.decision = decision
    draft.updated_by_id = getattr(actor_user(actor), "pk", None)
    draft.save()
    rows = {r.criterion_id: r for r in CriterionDraft.objects.filter(draft=draft)}
    for code, entry in criteria.items():
        criterion = by_code[code]
        row = rows.get(criterion.pk) or CriterionDraft(draft=draft, criterion=criterion)
        new_comment = (entry.comment or "").strip()
        if (row.result, row.comment) != (entry.result, new_comment) or row._state.adding:
            if row.result != entry.result:
                changes[f"{code} result"] = [row.result, entry.result]
            if row.comment != new_comment:
                changes[f"{code} comment"] = new_comment
            row.result, row.comment = entry.result, new_comment
            row.save()
        _save_private_note(
            actor=actor, work=work, criterion=criterion, text=entry.private_note, label=code
        )
    _save_private_note(actor=actor, work=work, criterion=None, text=private_note, label="item")
    if changes:
        audit_work(
            actor=actor,
            action="oit.review.save",
            work=work,
            changes={"round": draft.round, **changes},
        )
    return draft


def _draft_outcome(work: ItemWork) -> tuple[ReviewDraft | None, dict[Any, CriterionDraft], str]:
    """The current round's draft, its rows by criterion id and the result it would release."""
    draft = ReviewDraft.objects.filter(work=work, round=work.review_round).first()
    rows = {r.criterion_id: r for r in CriterionDraft.objects.filter(draft=draft)} if draft else {}
    criteria = list(work.item.criteria.all())
    results = (
        [rows[c.pk].result if c.pk in rows else "" for c in criteria]
        if criteria
        else [draft.decision if draft else ""]
    )
    outcome = item_result(
        results, conditional_passes=work.assessment.framework.spec.oit.conditional_passes
    )
    return draft, rows, outcome


def _release(
    *, actor: Actor, work: ItemWork, draft: ReviewDraft | None, rows: Mapping[Any, CriterionDraft]
) -> dict[str, object]:
    """Copy the draft into the released fields (every criterion: what the draft says, blank
    where it says nothing), delete it; returns the changes for the audit entry."""
    now = timezone.now()
    user_id = getattr(actor_user(actor), "pk", None)
    changes: dict[str, object] = {}
    released = {r.criterion_id: r for r in CriterionWork.objects.filter(work=work)}
    for criterion in work.item.criteria.all():
        source = rows.get(criterion.pk)
        result, comment = (source.result, source.comment) if source else ("", "")
        row = released.get(criterion.pk) or CriterionWork(work=work, criterion=criterion)
        if (row.result, row.comment) != (result, comment) or row._state.adding:
            if row.result != result:
                changes[f"{criterion.code} result"] = [row.result, result]
            if row.comment != comment:
                changes[f"{criterion.code} comment"] = comment
            row.result, row.comment = result, comment
            row.reviewed_by_id, row.reviewed_at = user_id, now
            row.save()
    comment = draft.comment if draft else ""
    if comment != work.review_comment:
        changes["comment"] = comment
        work.review_comment = comment
    decision = draft.decision if draft else ""
    if decision != work.decision:
        changes["decision"] = [work.decision, decision]
        work.decision = decision
    work.reviewer_id, work.reviewed_at, work.released_at = user_id, now, now
    if draft is not None:
        draft.delete()
    return changes


@transaction.atomic
def review_return(*, actor: Actor, work: ItemWork) -> ItemWork:
    """Release round one and send the item back for its one round of rework (the draft must
    hold a comment the unit can act on)."""
    work = _locked_for_review(actor, work)
    if work.rework_used:
        raise DisclosureError(
            _(
                "%(code)s has had its one round of rework: complete the review "
                "(accept or reject it)."
            )
            % {"code": work.item.code}
        )
    draft, rows, outcome = _draft_outcome(work)
    if not (draft and (draft.comment or any(r.comment for r in rows.values()))):
        raise DisclosureError(_("Write a comment the unit can act on before returning the item."))
    old = work.state
    changes = _release(actor=actor, work=work, draft=draft, rows=rows)
    if outcome != work.result:
        changes["result"] = [work.result, outcome]
        work.result = outcome
    apply_transition(actor=actor, work=work, event=Event.RETURN)
    work.rework_used = True
    work.save()
    audit_work(
        actor=actor,
        action="oit.return",
        work=work,
        changes={"state": [old, work.state], "round": 1, **changes},
    )
    touch_score(work)
    return work


@transaction.atomic
def review_complete(*, actor: Actor, work: ItemWork, confirm_fail: bool = False) -> ItemWork:
    """Release the result: accepted when the criteria pass, rejected otherwise. Both are final;
    a failing result is refused unless ``confirm_fail`` (the evaluator confirmed it)."""
    work = _locked_for_review(actor, work)
    draft, rows, outcome = _draft_outcome(work)
    if not outcome:
        raise DisclosureError(
            _("Give every criterion a result before completing the review.")
            if work.item.criteria.exists()
            else _("Decide pass, fail or conditional before completing the review.")
        )
    if outcome == FAIL and not confirm_fail:
        raise DisclosureError(
            _(
                "Completing the review now fails %(code)s for good: it cannot be returned or "
                "resubmitted afterwards. Tick “I confirm the final fail” and complete again, or "
                "save the draft and decide later."
            )
            % {"code": work.item.code}
        )
    old, round_ = work.state, work.review_round
    changes = _release(actor=actor, work=work, draft=draft, rows=rows)
    if outcome != work.result:
        changes["result"] = [work.result, outcome]
        work.result = outcome
    event = Event.ACCEPT if outcome == PASS else Event.REJECT
    apply_transition(actor=actor, work=work, event=event)
    work.save()
    audit_work(
        actor=actor,
        action="oit.accept" if event == Event.ACCEPT else "oit.reject",
        work=work,
        changes={"state": [old, work.state], "round": round_, **changes},
    )
    touch_score(work)
    return work


@transaction.atomic
def review_save(
    *,
    actor: Actor,
    work: ItemWork,
    criteria: Mapping[str, CriterionReviewInput],
    comment: str = "",
    decision: str = "",
    private_note: str = "",
    action: str = "save",
    confirm_fail: bool = False,
) -> ItemWork:
    """The review form's buttons in one transaction: save the draft, then ``return`` or
    ``complete`` it when asked (``save`` only keeps the draft)."""
    if action not in ACTIONS:
        raise DisclosureError(_("Unknown review action."))
    review_draft_save(
        actor=actor,
        work=work,
        criteria=criteria,
        comment=comment,
        decision=decision,
        private_note=private_note,
    )
    if action == "return":
        return review_return(actor=actor, work=work)
    if action == "complete":
        return review_complete(actor=actor, work=work, confirm_fail=confirm_fail)
    return lock_work(work)

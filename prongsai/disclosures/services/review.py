"""The evaluator's review: per criterion pass / fail / conditional, a comment the unit sees and a
private note it does not; then return the item once for rework, or complete the review.

The item's result follows from the criteria (the framework's ``oit.conditional_passes`` rule).
After a resubmission the evaluator must complete the review (accept or reject): one round of
rework, then the item is locked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record

from ..models import (
    AWAITING_REVIEW_STATES,
    REVIEWED_STATES,
    CriterionWork,
    ItemResult,
    ItemWork,
    PrivateNote,
    ReviewResult,
    WorkState,
)
from ..rules import item_result
from ..states import Event
from .common import DisclosureError, apply_transition, audit_work, lock_work, touch_score

ACTIONS = ("save", "return", "complete")


@dataclass(frozen=True)
class CriterionReviewInput:
    result: str = ""  # "", "pass", "fail", "conditional"
    comment: str = ""  # shown to the unit
    private_note: str = ""  # evaluators only


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _save_private_note(
    *, actor: Any, work: ItemWork, criterion: Any, text: str, label: str
) -> None:
    """Upsert or delete one private note. Audited without its text and without the unit id, so
    neither the item's history nor the unit's audit log can show it."""
    text = (text or "").strip()
    note = PrivateNote.objects.filter(work=work, criterion=criterion).first()
    if note is None and not text:
        return
    if note is not None and note.text == text:
        return
    if not text:
        assert note is not None
        note.delete()
        change = "deleted"
    elif note is None:
        note = PrivateNote.objects.create(
            work=work, criterion=criterion, author=_user(actor), text=text
        )
        change = "added"
    else:
        note.text, note.author = text, _user(actor)
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
def review_save(
    *,
    actor: Any,
    work: ItemWork,
    criteria: Mapping[str, CriterionReviewInput],
    comment: str = "",
    decision: str = "",
    private_note: str = "",
    action: str = "save",
) -> ItemWork:
    """Record the evaluator's review; ``action`` is ``save`` (keep working), ``return`` (send the
    item back for its one round of rework) or ``complete`` (accept or reject by the criteria)."""
    if action not in ACTIONS:
        raise DisclosureError(_("Unknown review action."))
    work = lock_work(work)
    if work.state not in AWAITING_REVIEW_STATES:
        raise DisclosureError(
            _("%(code)s is %(state)s: it is not waiting for a review.")
            % {"code": work.item.code, "state": work.get_state_display()}
        )
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

    now = timezone.now()
    changes: dict[str, Any] = {}
    rows = {r.criterion_id: r for r in CriterionWork.objects.filter(work=work)}
    for code, entry in criteria.items():
        criterion = by_code[code]
        row = rows.get(criterion.pk) or CriterionWork(work=work, criterion=criterion)
        new_comment = (entry.comment or "").strip()
        if (row.result, row.comment) != (entry.result, new_comment):
            if row.result != entry.result:
                changes[f"{code} result"] = [row.result, entry.result]
            if row.comment != new_comment:
                changes[f"{code} comment"] = new_comment
            row.result, row.comment = entry.result, new_comment
            row.reviewed_by, row.reviewed_at = _user(actor), now
            row.save()
        rows[criterion.pk] = row
        _save_private_note(
            actor=actor, work=work, criterion=criterion, text=entry.private_note, label=code
        )
    _save_private_note(actor=actor, work=work, criterion=None, text=private_note, label="item")

    comment = (comment or "").strip()
    if comment != work.review_comment:
        changes["comment"] = comment
        work.review_comment = comment
    if not item_criteria and decision != work.decision:
        changes["decision"] = [work.decision, decision]
        work.decision = decision

    results = (
        [rows[c.pk].result if c.pk in rows else "" for c in item_criteria]
        if item_criteria
        else [work.decision]
    )
    result = item_result(
        results, conditional_passes=work.assessment.framework.spec.oit.conditional_passes
    )

    old_state = work.state
    audit_action = "oit.review.save"
    event: Event | None = None
    if action == "return":
        if work.state != WorkState.SUBMITTED or work.rework_used:
            raise DisclosureError(
                _(
                    "%(code)s has had its one round of rework: complete the review "
                    "(accept or reject it)."
                )
                % {"code": work.item.code}
            )
        has_comment = bool(work.review_comment) or any(r.comment for r in rows.values())
        if not has_comment:
            raise DisclosureError(
                _("Write a comment the unit can act on before returning the item.")
            )
        event = Event.RETURN
        audit_action = "oit.return"
    elif action == "complete":
        if not result:
            raise DisclosureError(
                _("Give every criterion a result before completing the review.")
                if item_criteria
                else _("Decide pass, fail or conditional before completing the review.")
            )
        event = Event.ACCEPT if result == ItemResult.PASS else Event.REJECT
        audit_action = "oit.accept" if event == Event.ACCEPT else "oit.reject"

    released = event is not None or work.state in REVIEWED_STATES
    new_result = result if released else ""
    if new_result != work.result:
        changes["result"] = [work.result, new_result]
        work.result = new_result
    if event is not None:
        apply_transition(actor=actor, work=work, event=event)
        if event == Event.RETURN:
            work.rework_used = True
    if work.state != old_state:
        changes["state"] = [old_state, work.state]
    if action != "save" or changes:
        work.reviewer, work.reviewed_at = _user(actor), now
    work.save()
    if changes or action != "save":
        audit_work(actor=actor, action=audit_action, work=work, changes=changes)
    if released:
        touch_score(work)
    return work

"""One sentence per OIT audit action (written by ``disclosures/services``) and the labels of
what its entries record."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Evidence, ItemResult, ReviewResult, SelfCheck, WorkState

ACTIONS = {
    "oit.answer": _("Answer and self-check saved"),
    "oit.evidence.add": _("Evidence added"),
    "oit.evidence.update": _("Evidence changed"),
    "oit.evidence.delete": _("Evidence removed"),
    "oit.evidence.image": _("Picture added to a page"),
    "oit.evidence.publish": _("Evidence published"),
    "oit.evidence.unpublish": _("Evidence unpublished"),
    "oit.submit": _("Submitted to the evaluator"),
    "oit.submit_for_approval": _("Sent to the head for approval"),
    "oit.resubmit": _("Resubmitted to the evaluator"),
    "oit.approve": _("Approved by the head"),
    "oit.send_back": _("Sent back by the head"),
    "oit.withdraw": _("Withdrawn"),
    "oit.review.save": _("Review draft saved (not released to the unit)"),
    "oit.return": _("Returned for rework"),
    "oit.accept": _("Accepted"),
    "oit.reject": _("Rejected"),
    "oit.clarify": _("Clarification saved"),
    "oit.carry_forward": _("Carried forward from the previous year"),
    "oit.file.metadata_removed": _("Hidden data removed from a stored picture"),
    "oit.private_note.added": _("Evaluator's private note added"),
    "oit.private_note.changed": _("Evaluator's private note changed"),
    "oit.private_note.deleted": _("Evaluator's private note removed"),
}
for action, sentence in ACTIONS.items():
    register_action(action, sentence)

register_fields(
    {
        "evidence": _("evidence"),
        "period": _("data period"),
        "content": _("content"),
        "answer": _("answer"),
        "owner": _("responsible person"),
        "self-check": _("self-check"),
        "note": _("note"),
        "clarification": _("clarification"),
        "decision": _("decision"),
        "round": _("review round"),
        "reason": pgettext_lazy("audit field", "reason"),
    }
)
register_values("state", dict(WorkState.choices))
register_values("result", {**dict(ReviewResult.choices), **dict(ItemResult.choices)})
register_values("self-check", dict(SelfCheck.choices))
register_values("kind", dict(Evidence.Kind.choices))

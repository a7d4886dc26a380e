"""The OIT item's workflow as one table: every allowed move from one state to another.

    draft ──submit──► submitted ──return──► returned ──submit──► resubmitted ──accept/reject──►
    (draft|returned) ──submit_for_approval──► awaiting_approval ──approve──► (re)submitted
    awaiting_approval ──send_back / withdraw──► draft (round one) or returned (round two)
    submitted ──accept/reject──► accepted / rejected

An item has at most two review **rounds**: round one until the evaluator returns it, round two
after. Services never set ``ItemWork.state`` themselves: they ask :func:`transition_for` for the
move, and ``services.common.apply_transition`` applies it and stores it as an
:class:`~prongsai.disclosures.models.ItemTransition` row (who, when, from, to, round, and the
released result after the move), from which ``selectors.item_states_as_of`` answers "what was the
item's released state on date D".

Saving the evaluator's draft is not a transition: the item stays where it is and the draft is kept
apart (``ReviewDraft``) until a transition that ``releases`` it (return, accept, reject).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import pgettext_lazy


class WorkState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("OIT state", "Draft")
    AWAITING_APPROVAL = (
        "awaiting_approval",
        pgettext_lazy("OIT state", "Awaiting the head's approval"),
    )
    SUBMITTED = "submitted", pgettext_lazy("OIT state", "Submitted")
    RETURNED = "returned", pgettext_lazy("OIT state", "Returned for rework")
    RESUBMITTED = "resubmitted", pgettext_lazy("OIT state", "Resubmitted")
    ACCEPTED = "accepted", pgettext_lazy("OIT state", "Accepted")
    REJECTED = "rejected", pgettext_lazy("OIT state", "Rejected")


class Event(StrEnum):
    SUBMIT = "submit"  # the unit sends the item to the evaluator
    SUBMIT_FOR_APPROVAL = "submit_for_approval"  # ... or to its head first
    APPROVE = "approve"  # the head approves: the item goes to the evaluator
    SEND_BACK = "send_back"  # the head does not approve
    WITHDRAW = "withdraw"  # the editor takes the item back from the head
    RETURN = "return"  # the evaluator releases round one and asks for rework
    ACCEPT = "accept"  # the evaluator releases a passing result (final)
    REJECT = "reject"  # the evaluator releases a failing result (final)
    # Not a move a person makes: the state an item already had when its history began
    # (rows written by the data migration for items older than the transition log).
    RECORDED = "recorded"


@dataclass(frozen=True)
class Transition:
    event: Event
    source: WorkState
    target: WorkState
    round: int  # the review round in which the move happens (1 or 2)
    releases: bool = False  # the evaluator's draft becomes the released result

    @property
    def is_final(self) -> bool:
        return self.target in FINAL_STATES


S = WorkState
TRANSITIONS: tuple[Transition, ...] = (
    Transition(Event.SUBMIT, S.DRAFT, S.SUBMITTED, 1),
    Transition(Event.SUBMIT, S.RETURNED, S.RESUBMITTED, 2),
    Transition(Event.SUBMIT_FOR_APPROVAL, S.DRAFT, S.AWAITING_APPROVAL, 1),
    Transition(Event.SUBMIT_FOR_APPROVAL, S.RETURNED, S.AWAITING_APPROVAL, 2),
    Transition(Event.APPROVE, S.AWAITING_APPROVAL, S.SUBMITTED, 1),
    Transition(Event.APPROVE, S.AWAITING_APPROVAL, S.RESUBMITTED, 2),
    Transition(Event.SEND_BACK, S.AWAITING_APPROVAL, S.DRAFT, 1),
    Transition(Event.SEND_BACK, S.AWAITING_APPROVAL, S.RETURNED, 2),
    Transition(Event.WITHDRAW, S.AWAITING_APPROVAL, S.DRAFT, 1),
    Transition(Event.WITHDRAW, S.AWAITING_APPROVAL, S.RETURNED, 2),
    Transition(Event.RETURN, S.SUBMITTED, S.RETURNED, 1, releases=True),
    Transition(Event.ACCEPT, S.SUBMITTED, S.ACCEPTED, 1, releases=True),
    Transition(Event.REJECT, S.SUBMITTED, S.REJECTED, 1, releases=True),
    Transition(Event.ACCEPT, S.RESUBMITTED, S.ACCEPTED, 2, releases=True),
    Transition(Event.REJECT, S.RESUBMITTED, S.REJECTED, 2, releases=True),
)
_BY_KEY = {(t.source, t.event, t.round): t for t in TRANSITIONS}

# States in which the unit may change the item (evidence, answer, self-check).
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
# States waiting for the evaluator: the only ones in which a draft review can be written.
AWAITING_REVIEW_STATES = frozenset(t.source for t in TRANSITIONS if t.releases)
FINAL_STATES = frozenset({S.ACCEPTED, S.REJECTED})


def round_of(*, rework_used: bool) -> int:
    """The review round an item is in: 1 until the evaluator returns it, 2 after."""
    return 2 if rework_used else 1


def transition_for(state: str, event: Event, *, round: int) -> Transition | None:
    """The move ``event`` makes from ``state`` in review round ``round``, or None when the table
    does not allow it."""
    return _BY_KEY.get((WorkState(state), event, round)) if state in WorkState.values else None


def events_from(state: str, *, round: int) -> frozenset[Event]:
    """What can happen next to an item in ``state`` (round ``round``)."""
    return frozenset(t.event for t in TRANSITIONS if t.source == state and t.round == round)

"""Shared pieces of the OIT services: locking a work record, auditing it, state guards and the one
place that moves an item from one state to another (:func:`apply_transition`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_touch_inputs
from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.frameworks.models import Item

from ..models import CriterionWork, ItemTransition, ItemWork
from ..states import Event, Transition, round_of, transition_for

AUDIT_TYPE = "disclosures.itemwork"


class DisclosureError(ValidationError):
    """A rule of the OIT workflow stopped the change (nothing was saved)."""


def work_for_item(*, assessment: Assessment, item: Item) -> ItemWork:
    """The item's work record, created as a draft when missing, locked for this transaction."""
    return open_work(assessment=assessment, item=item)[0]


def open_work(*, assessment: Assessment, item: Item) -> tuple[ItemWork, bool]:
    """``work_for_item`` and whether the record was created now (a service that may change
    nothing else must then still audit the new record)."""
    if item.framework_id != assessment.framework_id:
        raise DisclosureError(_("This item is not part of the assessment's framework."))
    work, created = ItemWork.objects.get_or_create(assessment=assessment, item=item)
    return lock_work(work), created


def lock_work(work: ItemWork) -> ItemWork:
    return (
        ItemWork.objects.select_for_update()
        .select_related("assessment__unit", "assessment__framework", "item")
        .get(pk=work.pk)
    )


def audit_work(*, actor: Any, action: str, work: ItemWork, changes: Mapping[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=work,
        object_type=AUDIT_TYPE,
        object_repr=f"{work.assessment.year} {work.item.code} {work.item.title_th}",
        unit_id=work.assessment.unit_id,
        changes=changes,
    )


def touch_score(work: ItemWork) -> None:
    """Something the score reads changed: mark it stale in this transaction."""
    assessment_touch_inputs(assessment_id=work.assessment_id)


def require_editable(work: ItemWork) -> None:
    if not work.is_editable:
        raise DisclosureError(
            _(
                "%(code)s is %(state)s: the unit cannot change it now. Evidence can be changed "
                "while the item is a draft or after the evaluator returns it."
            )
            % {"code": work.item.code, "state": work.get_state_display()}
        )


def actor_user(actor: Actor | None) -> AbstractBaseUser | None:
    """The user behind an actor (None for a system label)."""
    if isinstance(actor, AbstractBaseUser) and actor.is_authenticated:
        return actor
    return None


def actor_name(actor: Actor | None) -> str:
    if isinstance(actor, AbstractBaseUser):
        return actor.get_username()[:200]
    return (actor or "system")[:200]


def released_criteria(work: ItemWork) -> dict[str, str]:
    """The released per-criterion results ({code: result}), or {"": decision} for an item
    without criteria."""
    rows = CriterionWork.objects.filter(work=work).exclude(result="")
    found = dict(rows.values_list("criterion__code", "result"))
    if not found and work.decision and not work.item.criteria.exists():
        return {"": work.decision}
    return found


def apply_transition(*, actor: Actor, work: ItemWork, event: Event) -> Transition:
    """Move the (locked) item by ``event`` as the table in ``states.py`` allows, and store the
    move with the released result as it stands now (set the result before a releasing move).
    Refuses, changing nothing, a move the table does not have. The caller saves ``work``."""
    round_ = round_of(rework_used=work.rework_used)
    transition = transition_for(work.state, event, round=round_)
    if transition is None:
        raise DisclosureError(
            _("%(code)s is %(state)s: that step is not possible now.")
            % {"code": work.item.code, "state": work.get_state_display()}
        )
    old = work.state
    work.state = transition.target
    ItemTransition.objects.create(
        work=work,
        assessment_id=work.assessment_id,
        item_id=work.item_id,
        event=str(event),
        from_state=old,
        to_state=transition.target,
        round=transition.round,
        result=work.result,
        criteria=released_criteria(work) if work.result else {},
        actor_id=getattr(actor_user(actor), "pk", None),
        actor_label=actor_name(actor),
        at=timezone.now(),
    )
    return transition

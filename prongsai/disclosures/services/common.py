"""Shared pieces of the OIT services: locking a work record, auditing it, state guards."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_touch_inputs
from prongsai.core.audit import audit_record
from prongsai.frameworks.models import Item

from ..models import ItemWork

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

"""A new year's assessment starts with last year's evidence, as drafts.

The new framework says which of its items continue which items of the older framework
(``carry_forward.items``: new id → old id). When a unit opens an assessment of the new framework,
the evidence of the mapped items in the unit's latest assessment of the older framework is copied
into the new assessment: unpublished, in draft items, with a link back to what it was copied from.
Files are shared (they are immutable); pages keep their pictures.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from prongsai.assessments.models import Assessment
from prongsai.frameworks.models import Item

from ..models import Evidence, ItemWork
from .common import audit_work


@transaction.atomic
def evidence_carry_forward(*, actor: Any, assessment: Assessment) -> int:
    """Copy mapped evidence from the unit's previous assessment; returns how many were copied."""
    framework = assessment.framework
    older = framework.carry_forward_from
    mapping = framework.spec.carry_forward_items
    if older is None or not mapping:
        return 0
    previous = (
        Assessment.objects.filter(
            unit_id=assessment.unit_id, framework__code=older.code, year__lt=assessment.year
        )
        .order_by("-year")
        .first()
    )
    if previous is None:
        return 0
    old_works = {
        w.item.code: w
        for w in ItemWork.objects.filter(assessment=previous)
        .select_related("item")
        .prefetch_related("evidence__images")
    }
    new_items = {i.code: i for i in Item.objects.filter(framework=framework)}
    copied = 0
    for new_code, old_code in mapping.items():
        old_work, item = old_works.get(old_code), new_items.get(new_code)
        if old_work is None or item is None:
            continue
        old_evidence = list(old_work.evidence.all())
        if not old_evidence and not old_work.answer_text:
            continue
        work, created = ItemWork.objects.get_or_create(
            assessment=assessment,
            item=item,
            defaults={"carried_from": old_work, "answer_text": old_work.answer_text},
        )
        if not created and work.evidence.exists():
            continue  # already carried (or filled in by hand): never duplicate
        for position, old in enumerate(old_evidence):
            new = Evidence.objects.create(
                work=work,
                kind=old.kind,
                title=old.title,
                url=old.url,
                file_id=old.file_id,
                body_html=old.body_html,
                period_start=old.period_start,
                period_end=old.period_end,
                is_published=False,
                position=position,
                created_by=old.created_by,
                carried_from=old,
            )
            images = list(old.images.all())
            if images:
                new.images.add(*images)
        copied += len(old_evidence)
        audit_work(
            actor=actor,
            action="oit.carry_forward",
            work=work,
            changes={
                "from": f"{previous.year} {old_code}",
                "evidence": len(old_evidence),
                "answer": bool(old_work.answer_text),
            },
        )
    return copied

"""A new year's assessment starts with last year's evidence, as drafts.

The source is the unit's latest earlier assessment of the same framework (any version: items
continue by their ids), or else of the framework the new one carries forward from
(``carry_forward``: new id → the old ids whose evidence it continues; several when items were
merged). The evidence of the mapped items is copied into the new assessment: unpublished, in draft
items, with a link back to what it was copied from. Files are shared (they are immutable); pages
keep their pictures. “None in this period” statements are not copied: they state something about
a period that is over.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from prongsai.assessments.models import Assessment
from prongsai.core.actors import Actor
from prongsai.frameworks.models import Item

from ..models import Evidence, ItemWork
from .common import audit_work


def _source(assessment: Assessment) -> tuple[Assessment, Mapping[str, tuple[str, ...]]] | None:
    """The assessment to copy from and the item map (new code → old codes)."""
    framework = assessment.framework
    codes = {framework.code}
    older = framework.carry_forward_from
    if older is not None and framework.spec.carry_forward_items:
        codes.add(older.code)
    previous = (
        Assessment.objects.filter(
            unit_id=assessment.unit_id, framework__code__in=codes, year__lt=assessment.year
        )
        .select_related("framework")
        .order_by("-year")
        .first()
    )
    if previous is None:
        return None
    if previous.framework.code == framework.code:
        return previous, {item.id: (item.id,) for item in framework.spec.items}
    return previous, framework.spec.carry_forward_items


@transaction.atomic
def evidence_carry_forward(*, actor: Actor, assessment: Assessment) -> int:
    """Copy mapped evidence from the unit's previous assessment; returns how many were copied."""
    source = _source(assessment)
    if source is None:
        return 0
    previous, mapping = source
    old_works = {
        w.item.code: w
        for w in ItemWork.objects.filter(assessment=previous)
        .select_related("item")
        .prefetch_related("evidence__images")
    }
    new_items = {i.code: i for i in Item.objects.filter(framework=assessment.framework)}
    copied = 0
    for new_code, old_codes in mapping.items():
        item = new_items.get(new_code)
        sources = [old_works[code] for code in old_codes if code in old_works]
        if item is None or not sources:
            continue
        copies = {w.pk: [e for e in w.evidence.all() if not e.is_statement] for w in sources}
        sources = [w for w in sources if copies[w.pk] or w.answer_text]
        if not sources:
            continue
        old_evidence = [e for w in sources for e in copies[w.pk]]
        answers = [w.answer_text for w in sources if w.answer_text]
        work, created = ItemWork.objects.get_or_create(
            assessment=assessment,
            item=item,
            defaults={"carried_from": sources[0], "answer_text": "\n\n".join(answers)},
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
                "from": f"{previous.year} {', '.join(w.item.code for w in sources)}",
                "evidence": len(old_evidence),
                "answer": bool(answers),
            },
        )
    return copied

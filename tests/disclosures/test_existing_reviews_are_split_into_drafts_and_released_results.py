"""Migration 0004: reviews written before drafts were kept apart are split — what an evaluator
saved on a first submission becomes their draft, and on a resubmitted item the round-two values
saved after the resubmission become the draft while round one is put back as released."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps

from prongsai.core.audit import audit_record
from prongsai.disclosures import services
from prongsai.disclosures.models import CriterionWork, ItemWork, ReviewDraft
from prongsai.disclosures.selectors import oit_scoring_inputs, review_draft_for

from .helpers import add_link, review_all, work

split_drafts = importlib.import_module(
    "prongsai.disclosures.migrations.0004_review_drafts_apart"
).split_drafts


def _as_before_0004(item_work: ItemWork, result: str, comment: str) -> None:
    """What the old review service did on a save: write into the released fields, audited."""
    row = CriterionWork.objects.get(work=item_work)
    old = row.result
    CriterionWork.objects.filter(pk=row.pk).update(result=result, comment=comment)
    ItemWork.objects.filter(pk=item_work.pk).update(review_comment=comment, released_at=None)
    ReviewDraft.objects.filter(work=item_work).delete()
    audit_record(
        actor="tests",
        action="oit.review.save",
        obj=item_work,
        object_type="disclosures.itemwork",
        changes={"O3.1 result": [old, result], "O3.1 comment": comment, "comment": comment},
    )


def test_a_resubmitted_items_round_two_values_become_the_draft(assessment: Any) -> None:
    add_link(assessment, "O3")
    services.work_submit(actor="tests", work=work(assessment, "O3"))
    review_all(work(assessment, "O3"), "fail", action="return", comment="รอบแรก: ไม่ครบ")
    services.work_submit(actor="tests", work=work(assessment, "O3"))
    _as_before_0004(work(assessment, "O3"), "pass", "รอบสอง: ครบ (ร่าง)")

    split_drafts(apps, None)

    after = work(assessment, "O3")
    row = CriterionWork.objects.get(work=after)
    assert (row.result, row.comment, after.review_comment) == (
        "fail",
        "รอบแรก: ไม่ครบ",
        "รอบแรก: ไม่ครบ",
    )
    assert after.review_released
    assert oit_scoring_inputs(assessment)[0]["O3"]["criteria"] == {"O3.1": "fail"}
    draft = review_draft_for(after)
    assert (draft.round, draft.criteria, draft.comment) == (
        2,
        {"O3.1": ("pass", "รอบสอง: ครบ (ร่าง)")},
        "รอบสอง: ครบ (ร่าง)",
    )


def test_a_first_submissions_saved_review_becomes_the_draft(assessment: Any) -> None:
    add_link(assessment, "O3")
    services.work_submit(actor="tests", work=work(assessment, "O3"))
    CriterionWork.objects.create(
        work=work(assessment, "O3"), criterion=work(assessment, "O3").item.criteria.get()
    )
    _as_before_0004(work(assessment, "O3"), "fail", "ร่างรอบแรก")

    split_drafts(apps, None)

    after = work(assessment, "O3")
    assert (after.result, after.review_comment, after.review_released) == ("", "", False)
    assert CriterionWork.objects.get(work=after).result == ""
    assert review_draft_for(after).criteria == {"O3.1": ("fail", "ร่างรอบแรก")}


def test_released_reviews_are_marked_released(assessment: Any) -> None:
    add_link(assessment, "O3")
    services.work_submit(actor="tests", work=work(assessment, "O3"))
    review_all(work(assessment, "O3"), "pass", action="complete")
    ItemWork.objects.filter(pk=work(assessment, "O3").pk).update(released_at=None)

    split_drafts(apps, None)

    after = work(assessment, "O3")
    assert after.review_released and after.released_at == after.reviewed_at
    assert not ReviewDraft.objects.filter(work=after).exists()

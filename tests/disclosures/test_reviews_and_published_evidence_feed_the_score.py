"""The scoring engine reads released reviews and published evidence; every change that matters
marks the score stale, so the dashboard shows the new figures."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.disclosures import services
from prongsai.disclosures.selectors import oit_scoring_inputs
from prongsai.scoring.services import snapshot_current

from .helpers import add_link, review_all, work


def _version(assessment: Any) -> int:
    return Assessment.objects.get(pk=assessment.pk).inputs_version


def test_items_with_data_are_the_items_with_published_evidence(assessment: Any) -> None:
    add_link(assessment, "O1")
    add_link(assessment, "O2", publish=False)
    reviews, with_data = oit_scoring_inputs(assessment)
    assert (reviews, with_data) == ({}, {"O1"})


def test_only_released_reviews_count(assessment: Any) -> None:
    add_link(assessment, "O3")
    submitted = services.work_submit(actor="tests", work=work(assessment, "O3"))
    review_all(submitted, "fail", action="save", comment="ร่าง")
    assert oit_scoring_inputs(assessment)[0] == {}  # a draft review is the evaluator's own
    review_all(work(assessment, "O3"), "fail", action="return", comment="แก้ไข")
    assert oit_scoring_inputs(assessment)[0] == {
        "O3": {"criteria": {"O3.1": "fail"}, "decision": None}
    }


def test_publishing_and_reviewing_mark_the_score_stale(assessment: Any) -> None:
    start = _version(assessment)
    evidence = add_link(assessment, "O3")
    assert _version(assessment) == start + 1
    services.evidence_set_published(actor="tests", evidence=evidence, published=False)
    services.evidence_set_published(actor="tests", evidence=evidence, published=True)
    assert _version(assessment) == start + 3
    submitted = services.work_submit(actor="tests", work=work(assessment, "O3"))
    review_all(submitted, "pass", action="complete")
    assert _version(assessment) == start + 4


def test_the_snapshot_follows(assessment: Any) -> None:
    before = snapshot_current(assessment).result
    assert before["instruments"]["OIT"] is None
    add_link(assessment, "O3")
    review_all(
        services.work_submit(actor="tests", work=work(assessment, "O3")), "pass", action="complete"
    )
    after = snapshot_current(assessment).result
    assert after["oit"] == {"passed": 1, "items": 24, "assessed": 1, "with_data": 1}
    assert after["instruments"]["OIT"] is not None and after["instruments"]["OIT"] > 0

"""The evaluator's review counts — in the score, on the unit's pages, in reports — only once it
is released (returned or completed). A draft, also the round-two draft of a resubmitted item, is
kept apart; and one pass/fail rule decides both the released result and the score."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

from prongsai.disclosures import rules, services
from prongsai.disclosures.models import ItemResult, WorkState
from prongsai.disclosures.selectors import oit_item_summaries, oit_scoring_inputs
from prongsai.frameworks.spec import FrameworkSpec
from prongsai.scoring import calculator
from prongsai.scoring.services import snapshot_current

from ..conftest import Personas
from .conftest import item_url
from .helpers import add_link, review_all, work


def _resubmitted(assessment: Any, code: str = "O3") -> Any:
    """Submitted, returned with a fail (round one released), reworked and resubmitted."""
    add_link(assessment, code)
    services.work_submit(actor="tests", work=work(assessment, code))
    review_all(work(assessment, code), "fail", action="return", comment="ขาดเอกสารฉบับลงนาม")
    add_link(assessment, code, title="เอกสารฉบับลงนาม")
    resubmitted = services.work_submit(actor="tests", work=work(assessment, code))
    assert resubmitted.state == WorkState.RESUBMITTED
    return resubmitted


def test_a_draft_pass_on_a_resubmitted_item_does_not_change_the_score(assessment: Any) -> None:
    resubmitted = _resubmitted(assessment)
    before = snapshot_current(assessment).result
    assert before["oit"]["passed"] == 0 and before["oit"]["assessed"] == 1

    review_all(resubmitted, "pass", action="save", comment="ร่างรอบสอง: ผ่าน")

    assert oit_scoring_inputs(assessment)[0]["O3"]["criteria"] == {"O3.1": "fail"}
    after = snapshot_current(assessment).result
    assert after["oit"] == before["oit"]
    assert after["total"] == before["total"]
    summary = next(s for s in oit_item_summaries(assessment) if s.code == "O3")
    assert (summary.result, summary.review_comment) == (ItemResult.FAIL, "ขาดเอกสารฉบับลงนาม")

    # Released, it counts.
    review_all(work(assessment, "O3"), "pass", action="complete", comment="ครบถ้วน")
    released = snapshot_current(assessment).result
    assert released["oit"]["passed"] == 1
    assert oit_scoring_inputs(assessment)[0]["O3"]["criteria"] == {"O3.1": "pass"}


def test_the_unit_does_not_see_the_round_two_draft(
    client: Any, people: Personas, assessment: Any
) -> None:
    resubmitted = _resubmitted(assessment)
    review_all(resubmitted, "pass", action="save", comment="ความเห็นร่างรอบสอง-4c1e")
    client.force_login(people.editor)
    html = client.get(item_url("item", code="O3")).content.decode()
    assert "ความเห็นร่างรอบสอง-4c1e" not in html
    assert "ขาดเอกสารฉบับลงนาม" in html  # round one, released, is still what the unit sees


def test_a_draft_on_a_first_submission_is_not_released(assessment: Any) -> None:
    add_link(assessment, "O3")
    submitted = services.work_submit(actor="tests", work=work(assessment, "O3"))
    saved = review_all(submitted, "fail", action="save", comment="ร่าง")
    assert (saved.state, saved.result, saved.review_comment) == (WorkState.SUBMITTED, "", "")
    assert not saved.review_released
    assert oit_scoring_inputs(assessment)[0] == {}


def test_scoring_uses_the_reviews_pass_fail_rule(assessment: Any) -> None:
    """One rule (``disclosures.rules``): for every combination of criterion results, the score's
    pass/fail is the result the evaluator releases."""
    assert calculator.item_result is rules.item_result
    spec: FrameworkSpec = assessment.framework.spec
    item = next(i for i in spec.items if len(i.criteria) == 3)
    values = ["", "pass", "fail", "conditional"]
    for conditional_passes in (False, True):
        rule_spec = dataclasses.replace(
            spec, oit=dataclasses.replace(spec.oit, conditional_passes=conditional_passes)
        )
        for combo in itertools.product(values, repeat=3):
            released = rules.item_result(combo, conditional_passes=conditional_passes)
            review = calculator.ItemReview(
                criteria={c.id: r for c, r in zip(item.criteria, combo, strict=True) if r}
            )
            scored = calculator.item_passed(rule_spec, item, review)
            assert scored == ({"pass": True, "fail": False, "": None}[released]), combo

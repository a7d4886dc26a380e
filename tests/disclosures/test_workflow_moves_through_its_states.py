"""draft → (head approval) → submitted → returned with comments → resubmitted → accepted/rejected,
with one round of rework; every step is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.core.audit import audit_verify
from prongsai.disclosures import services
from prongsai.disclosures.models import ItemResult, WorkState
from prongsai.disclosures.selectors import item_history

from ..conftest import Personas, Tree
from .conftest import item_url
from .helpers import add_link, review_all, work


def _submitted(assessment: Any, code: str = "O1") -> Any:
    add_link(assessment, code)
    return services.work_submit(actor="tests", work=work(assessment, code))


def test_the_full_round_trip(assessment: Any) -> None:
    submitted = _submitted(assessment)
    assert submitted.state == WorkState.SUBMITTED and submitted.submitted_at
    returned = review_all(submitted, "fail", action="return", comment="ขาดรูปถ่ายผู้บริหาร")
    assert (returned.state, returned.result, returned.rework_used) == (
        WorkState.RETURNED,
        ItemResult.FAIL,
        True,
    )
    add_link(assessment, "O1", title="ข้อมูลผู้บริหารพร้อมรูปถ่าย")
    resubmitted = services.work_submit(actor="tests", work=returned)
    assert resubmitted.state == WorkState.RESUBMITTED
    with pytest.raises(ValidationError):  # one round of rework only
        review_all(resubmitted, "fail", action="return", comment="อีกครั้ง")
    accepted = review_all(resubmitted, "pass", action="complete")
    assert (accepted.state, accepted.result) == (WorkState.ACCEPTED, ItemResult.PASS)
    actions = [e.action for e in item_history(accepted)]
    assert actions[:5] == [
        "oit.accept",
        "oit.review.save",  # round two's draft (it starts empty)
        "oit.resubmit",
        "oit.evidence.add",
        "oit.return",
    ]
    assert audit_verify() == []


def test_submitting_needs_published_evidence(assessment: Any) -> None:
    evidence = add_link(assessment, "O1", publish=False)
    with pytest.raises(ValidationError, match="O1"):
        services.work_submit(actor="tests", work=evidence.work)
    assert work(assessment, "O1").state == WorkState.DRAFT


def test_returning_needs_a_comment(assessment: Any) -> None:
    submitted = _submitted(assessment)
    with pytest.raises(ValidationError):
        review_all(submitted, "fail", action="return")
    assert work(assessment, "O1").state == WorkState.SUBMITTED


def test_completing_needs_every_criterion(assessment: Any) -> None:
    submitted = _submitted(assessment)  # O1 has three criteria
    with pytest.raises(ValidationError):
        services.review_save(
            actor="tests",
            work=submitted,
            criteria={"O1.1": services.CriterionReviewInput(result="pass")},
            action="complete",
        )
    assert work(assessment, "O1").state == WorkState.SUBMITTED


def test_the_result_follows_from_the_criteria(assessment: Any) -> None:
    submitted = _submitted(assessment)
    done = services.review_save(
        actor="tests",
        work=submitted,
        criteria={
            "O1.1": services.CriterionReviewInput(result="pass"),
            "O1.2": services.CriterionReviewInput(result="pass"),
            "O1.3": services.CriterionReviewInput(result="conditional", comment="ไม่มีเบอร์โทร"),
        },
        action="complete",
        confirm_fail=True,
    )
    # In the 2567 framework conditional_passes is false: a conditional criterion fails the item.
    assert (done.state, done.result) == (WorkState.REJECTED, ItemResult.FAIL)


def test_a_conditional_result_passes_where_the_framework_says_so(assessment: Any) -> None:
    from prongsai.frameworks.models import Framework
    from prongsai.frameworks.spec import FrameworkSpec

    framework = assessment.framework
    definition = dict(framework.definition)
    definition["scoring"] = {
        **definition["scoring"],
        "oit": {**definition["scoring"]["oit"], "conditional_passes": True},
    }
    Framework.objects.filter(pk=framework.pk).update(definition=definition, checksum="conditional")
    assert FrameworkSpec.from_definition(definition).oit.conditional_passes
    submitted = _submitted(assessment, "O3")
    submitted.assessment.framework.refresh_from_db()
    done = review_all(work(assessment, "O3"), "conditional", action="complete")
    assert (done.state, done.result) == (WorkState.ACCEPTED, ItemResult.PASS)


def test_the_head_approves_before_submission_when_the_unit_requires_it(
    client: Any, people: Personas, assessment: Any, tree: Tree
) -> None:
    tree.unit.require_head_approval = True
    tree.unit.save()
    add_link(assessment, "O1")
    client.force_login(people.editor)
    client.post(item_url("item_action"), {"action": "submit"})
    assert work(assessment, "O1").state == WorkState.AWAITING_APPROVAL
    assert client.post(item_url("item_action"), {"action": "approve"}).status_code == 403
    client.force_login(people.head)
    client.post(item_url("item_action"), {"action": "send_back", "note": ""})
    assert work(assessment, "O1").state == WorkState.AWAITING_APPROVAL  # a note is required
    client.post(item_url("item_action"), {"action": "send_back", "note": "เพิ่มรูปผู้บริหาร"})
    sent_back = work(assessment, "O1")
    assert (sent_back.state, sent_back.head_note) == (WorkState.DRAFT, "เพิ่มรูปผู้บริหาร")
    client.force_login(people.editor)
    client.post(item_url("item_action"), {"action": "submit"})
    client.force_login(people.head)
    client.post(item_url("item_action"), {"action": "approve"})
    approved = work(assessment, "O1")
    assert approved.state == WorkState.SUBMITTED
    assert approved.approved_by == people.head


def test_an_editor_can_withdraw_an_item_waiting_for_the_head(assessment: Any, tree: Tree) -> None:
    tree.unit.require_head_approval = True
    tree.unit.save()
    add_link(assessment, "O1")
    waiting = services.work_submit(actor="tests", work=work(assessment, "O1"))
    assert services.work_withdraw(actor="tests", work=waiting).state == WorkState.DRAFT


def test_the_clarification_is_for_failed_items_only(assessment: Any) -> None:
    submitted = _submitted(assessment)
    with pytest.raises(ValidationError):
        services.work_save_clarification(actor="tests", work=submitted, text="ชี้แจง")
    rejected = review_all(submitted, "fail", action="complete")
    saved = services.work_save_clarification(actor="tests", work=rejected, text="ชี้แจง")
    assert saved.clarification_text == "ชี้แจง"

"""After a resubmission the review form starts empty, with round one shown beside it, and no
review is completed as a fail — which is final — without the evaluator confirming it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from prongsai.disclosures import services
from prongsai.disclosures.models import ItemTransition, WorkState
from prongsai.disclosures.selectors import review_draft_for

from ..conftest import Personas
from .conftest import item_url
from .helpers import add_link, review_all, work

ROUND_ONE_COMMENT = "ไม่มีรายชื่อผู้บริหารครบทุกตำแหน่ง-91b2"


def _resubmitted(assessment: Any, code: str = "O3") -> Any:
    add_link(assessment, code)
    services.work_submit(actor="tests", work=work(assessment, code))
    review_all(work(assessment, code), "fail", action="return", comment=ROUND_ONE_COMMENT)
    return services.work_submit(actor="tests", work=work(assessment, code))


def test_the_round_two_form_starts_empty_and_shows_round_one_beside_it(
    client: Any, people: Personas, assessment: Any
) -> None:
    _resubmitted(assessment)
    client.force_login(people.evaluator)
    response = client.get(item_url("review", code="O3"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["c0_result"].value() in ("", None)
    assert form["c0_comment"].value() in ("", None)
    assert form["comment"].value() in ("", None)
    html = response.content.decode()
    # Round one beside the empty form: its result and comment, outside any input.
    assert 'data-testid="round-one-O3.1"' in html
    assert html.count(ROUND_ONE_COMMENT) == 2  # beside the criterion and beside the item comment
    assert f">{ROUND_ONE_COMMENT}</textarea>" not in html
    assert review_draft_for(work(assessment, "O3")).criteria == {}


def test_a_final_fail_without_confirmation_is_refused_in_thai(assessment: Any) -> None:
    resubmitted = _resubmitted(assessment)
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        review_all(resubmitted, "fail", action="complete", confirm_fail=False)
    assert "ยืนยัน" in refused.value.messages[0]
    after = work(assessment, "O3")
    assert (after.state, after.result) == (WorkState.RESUBMITTED, "fail")  # round one stays
    assert not ItemTransition.objects.filter(work=after, event="reject").exists()
    rejected = review_all(after, "fail", action="complete", confirm_fail=True)
    assert rejected.state == WorkState.REJECTED


def test_a_first_round_fail_also_needs_confirmation(assessment: Any) -> None:
    add_link(assessment, "O3")
    submitted = services.work_submit(actor="tests", work=work(assessment, "O3"))
    services.review_draft_save(
        actor="tests",
        work=submitted,
        criteria={"O3.1": services.CriterionReviewInput(result="fail", comment="ไม่ครบ")},
    )
    with pytest.raises(ValidationError):
        services.review_complete(actor="tests", work=submitted)
    assert work(assessment, "O3").state == WorkState.SUBMITTED
    done = services.review_complete(actor="tests", work=submitted, confirm_fail=True)
    assert done.state == WorkState.REJECTED
    # A passing result needs no confirmation.
    add_link(assessment, "O4")
    other = services.work_submit(actor="tests", work=work(assessment, "O4"))
    assert review_all(other, "pass", action="complete", confirm_fail=False).state == (
        WorkState.ACCEPTED
    )


def _post(assessment: Any, **extra: str) -> dict[str, str]:
    data = {"action": "complete", "comment": "", "private_note": ""}
    for index, _criterion in enumerate(work(assessment, "O3").item.criteria.all()):
        data[f"c{index}_result"] = "fail"
        data[f"c{index}_comment"] = "ยังไม่ครบ"
        data[f"c{index}_private"] = ""
    return {**data, **extra}


def test_the_review_page_asks_for_confirmation_before_a_final_fail(
    client: Any, people: Personas, assessment: Any
) -> None:
    _resubmitted(assessment)
    client.force_login(people.evaluator)
    url = item_url("review", code="O3")
    response = client.post(url, _post(assessment), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="confirm-fail"' in html and "ยืนยัน" in html
    assert work(assessment, "O3").state == WorkState.RESUBMITTED
    # The draft was kept, so nothing typed is lost.
    assert review_draft_for(work(assessment, "O3")).criteria["O3.1"] == ("fail", "ยังไม่ครบ")
    response = client.post(url, _post(assessment, confirm_fail="on"))
    assert response.status_code == 302
    assert work(assessment, "O3").state == WorkState.REJECTED

"""The review services check the evaluator's right themselves, not only the views: a person who
is not an evaluator of the unit, or who also holds another role in it (separation of duties),
is refused and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from prongsai.disclosures import services
from prongsai.disclosures.models import ItemTransition, WorkState
from prongsai.disclosures.selectors import review_draft_for
from prongsai.organizations.duties import Role
from prongsai.organizations.models import Membership

from ..conftest import Personas, Tree
from ..factories import UserFactory
from .helpers import add_link, work


def _submitted(assessment: Any) -> Any:
    add_link(assessment, "O3")
    return services.work_submit(actor="tests", work=work(assessment, "O3"))


def _try_every_review_step(actor: Any, item_work: Any) -> list[str]:
    refused = []
    pass_ = {"O3.1": services.CriterionReviewInput(result="pass", comment="ครบ")}
    steps = {
        "draft": lambda: services.review_draft_save(actor=actor, work=item_work, criteria=pass_),
        "return": lambda: services.review_return(actor=actor, work=item_work),
        "complete": lambda: services.review_complete(actor=actor, work=item_work),
    }
    for name, step in steps.items():
        with translation.override("th"), pytest.raises(ValidationError) as caught:
            step()
        assert "ผู้ประเมิน" in caught.value.messages[0], caught.value.messages
        refused.append(name)
    return refused


@pytest.mark.parametrize("who", ["editor", "head", "admin", "viewer", "outsider", "sibling_editor"])
def test_people_who_are_not_evaluators_of_the_unit_are_refused(
    people: Personas, assessment: Any, who: str
) -> None:
    submitted = _submitted(assessment)
    assert _try_every_review_step(getattr(people, who), submitted) == [
        "draft",
        "return",
        "complete",
    ]
    after = work(assessment, "O3")
    assert (after.state, after.result, after.review_released) == (WorkState.SUBMITTED, "", False)
    assert review_draft_for(after).criteria == {}
    assert not ItemTransition.objects.filter(work=after, event__in=["return", "accept"]).exists()


def test_an_evaluator_who_also_holds_a_role_in_the_unit_is_refused(
    tree: Tree, people: Personas, assessment: Any
) -> None:
    double_hat: Any = UserFactory(username="double-hat")
    Membership.objects.create(user=double_hat, unit=tree.division, role=Role.EVALUATOR)
    Membership.objects.create(user=double_hat, unit=tree.unit, role=Role.EDITOR)
    submitted = _submitted(assessment)
    assert _try_every_review_step(double_hat, submitted) == ["draft", "return", "complete"]
    assert work(assessment, "O3").state == WorkState.SUBMITTED


def test_the_units_evaluator_may_review(people: Personas, assessment: Any) -> None:
    submitted = _submitted(assessment)
    services.review_draft_save(
        actor=people.evaluator,
        work=submitted,
        criteria={"O3.1": services.CriterionReviewInput(result="pass", comment="ครบ")},
    )
    done = services.review_complete(actor=people.evaluator, work=submitted)
    assert done.state == WorkState.ACCEPTED and done.reviewer == people.evaluator

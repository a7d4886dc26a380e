"""Once submitted (or waiting for the head, or reviewed for good), editors cannot change an item."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, WorkState

from ..conftest import Personas
from .conftest import item_url
from .helpers import add_link, add_page, item, review_all, upload, work


@pytest.fixture
def submitted(assessment: Any) -> Any:
    add_link(assessment, "O1")
    return services.work_submit(actor="tests", work=work(assessment, "O1"))


def test_services_refuse_every_change_to_a_submitted_item(assessment: Any, submitted: Any) -> None:
    evidence = submitted.evidence.get()
    attempts = [
        lambda: add_link(assessment, "O1"),
        lambda: add_page(assessment, "O1"),
        lambda: services.evidence_add_file(
            actor="tests",
            assessment=assessment,
            item=item(assessment, "O1"),
            upload=upload("a.csv", b"a,b\n1,2\n"),
        ),
        lambda: services.evidence_update(
            actor="tests", evidence=evidence, title="changed", period_start=None, period_end=None
        ),
        lambda: services.evidence_delete(actor="tests", evidence=evidence),
        lambda: services.evidence_set_published(actor="tests", evidence=evidence, published=False),
        lambda: services.work_save_answer(
            actor="tests",
            assessment=assessment,
            item=item(assessment, "O1"),
            answer_text="changed",
            owner=None,
            checks={},
        ),
        lambda: services.work_submit(actor="tests", work=submitted),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    evidence.refresh_from_db()
    assert evidence.title != "changed" and evidence.is_published
    assert Evidence.objects.filter(work=submitted).count() == 1
    assert work(assessment, "O1").answer_text == ""


def test_the_item_page_offers_no_editing_and_posts_change_nothing(
    client: Any, people: Personas, assessment: Any, submitted: Any
) -> None:
    client.force_login(people.editor)
    html = client.get(item_url("item")).content.decode()
    assert 'data-testid="add-link"' not in html
    assert 'data-testid="submit"' not in html
    assert 'data-testid="save-answer"' not in html
    response = client.post(item_url("add_link"), {"title": "late", "url": "https://e.org/x"})
    assert response.status_code == 302  # back to the item, with a message
    response = client.post(item_url("item"), {"answer_text": "late"}, follow=True)
    assert (
        "ไม่สามารถแก้ไข" in response.content.decode()
        or "cannot be changed" in response.content.decode()
    )
    assert Evidence.objects.filter(work=submitted).count() == 1
    assert work(assessment, "O1").answer_text == ""


def test_an_item_waiting_for_the_head_is_locked_too(assessment: Any, tree: Any) -> None:
    tree.unit.require_head_approval = True
    tree.unit.save()
    add_link(assessment, "O1")
    waiting = services.work_submit(actor="tests", work=work(assessment, "O1"))
    assert waiting.state == WorkState.AWAITING_APPROVAL
    with pytest.raises(ValidationError):
        add_link(assessment, "O1")


def test_a_returned_item_opens_again_and_a_final_one_never(assessment: Any, submitted: Any) -> None:
    returned = review_all(submitted, "fail", action="return", comment="ไม่ครบ")
    assert returned.state == WorkState.RETURNED
    add_link(assessment, "O1", title="ฉบับแก้ไข")  # allowed again
    resubmitted = services.work_submit(actor="tests", work=returned)
    final = review_all(resubmitted, "pass", action="complete")
    assert final.state == WorkState.ACCEPTED
    with pytest.raises(ValidationError):
        add_link(assessment, "O1")

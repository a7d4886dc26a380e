"""An evaluator sees the submitted items of the units in scope only, and cannot edit evidence."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, WorkState

from ..conftest import Personas
from .conftest import item_url
from .helpers import add_link, work


def _submitted(assessment: Any, code: str) -> Any:
    add_link(assessment, code)
    return services.work_submit(actor="tests", work=work(assessment, code))


def test_the_queue_lists_submitted_items_of_units_in_scope_only(
    client: Any,
    people: Personas,
    assessment: Any,
    sibling_assessment: Any,
    other_division_assessment: Any,
) -> None:
    _submitted(assessment, "O1")
    _submitted(sibling_assessment, "O2")
    _submitted(other_division_assessment, "O3")  # division 1: not in the evaluator's subtree
    add_link(assessment, "O4")  # a draft: not in the queue
    client.force_login(people.evaluator)
    response = client.get(reverse("disclosures:console"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="queue-kalasin-immigration-O1"' in html
    assert 'data-testid="queue-khonkaen-immigration-O2"' in html
    assert "donmueang-immigration" not in html
    assert 'data-testid="queue-kalasin-immigration-O4"' not in html


def test_the_queue_filters_by_unit_item_and_state(
    client: Any, people: Personas, assessment: Any, sibling_assessment: Any
) -> None:
    _submitted(assessment, "O1")
    _submitted(assessment, "O2")
    _submitted(sibling_assessment, "O1")
    client.force_login(people.evaluator)
    url = reverse("disclosures:console")
    html = client.get(url, {"unit": "khonkaen-immigration"}).content.decode()
    assert "queue-khonkaen-immigration-O1" in html and "queue-kalasin-immigration" not in html
    html = client.get(url, {"code": "O2"}).content.decode()
    assert "queue-kalasin-immigration-O2" in html and '-O1"' not in html
    html = client.get(url, {"state": "accepted"}).content.decode()
    assert "queue-" not in html


def test_the_console_is_closed_to_people_who_evaluate_nothing(
    client: Any, people: Personas, assessment: Any
) -> None:
    for persona in (people.editor, people.admin, people.viewer, people.outsider):
        client.force_login(persona)
        assert client.get(reverse("disclosures:console")).status_code == 403


def test_an_evaluator_cannot_review_a_unit_outside_the_scope(
    client: Any, people: Personas, other_division_assessment: Any
) -> None:
    _submitted(other_division_assessment, "O1")
    client.force_login(people.evaluator)
    url = item_url("review", slug="donmueang-immigration")
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "complete"}).status_code == 404


def test_an_evaluator_cannot_edit_evidence(client: Any, people: Personas, assessment: Any) -> None:
    evidence = add_link(assessment, "O1")
    client.force_login(people.evaluator)
    assert client.get(item_url("item")).status_code == 200  # may read the unit's work
    for url, data in [
        (item_url("add_link"), {"title": "x", "url": "https://example.com/"}),
        (item_url("add_file"), {}),
        (item_url("add_page"), {"title": "x", "body_html": "<p>x</p>"}),
        (item_url("evidence_edit", evidence_id=evidence.pk), {"title": "changed"}),
        (item_url("evidence_delete", evidence_id=evidence.pk), {}),
        (item_url("evidence_publish", evidence_id=evidence.pk), {"published": "0"}),
        (item_url("item"), {"answer_text": "changed"}),
        (item_url("item_action"), {"action": "submit"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    evidence.refresh_from_db()
    assert evidence.title != "changed" and evidence.is_published
    assert Evidence.objects.count() == 1


def test_an_evaluator_in_scope_reviews_the_item(
    client: Any, people: Personas, assessment: Any
) -> None:
    _submitted(assessment, "O3")  # one criterion: O3.1
    client.force_login(people.evaluator)
    url = item_url("review", code="O3")
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "complete", "c0_result": "pass", "c0_comment": "ครบ"})
    assert response.status_code == 302
    assert work(assessment, "O3").state == WorkState.ACCEPTED


def test_unit_members_cannot_review(client: Any, people: Personas, assessment: Any) -> None:
    _submitted(assessment, "O3")
    for persona in (people.editor, people.admin, people.head):
        client.force_login(persona)
        assert (
            client.post(
                item_url("review", code="O3"), {"action": "complete", "c0_result": "pass"}
            ).status_code
            == 403
        )
    assert work(assessment, "O3").state == WorkState.SUBMITTED

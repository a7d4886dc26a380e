"""O4: the public asks (name optional) or gives feedback; staff answer; answered questions are
published with their dates and the response time; feedback is never published; the staff's
pages are the unit's editors' and admins' only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.core.models import AuditEntry
from prongsai.inquiries import services
from prongsai.inquiries.models import Question, QuestionState
from prongsai.inquiries.selectors import response_times
from prongsai.mail.models import OutgoingMail

from ..conftest import Personas, Tree
from .helpers import ask_data, make_question


def _url(name: str, unit: Any, **kwargs: Any) -> str:
    return reverse(f"inquiries:{name}", kwargs={"slug": unit.slug, **kwargs})


def test_a_question_from_the_public_is_stored_and_the_staff_are_told(
    tree: Tree, people: Personas, client: Any
) -> None:
    response = client.post(_url("ask", tree.unit), ask_data(tree.unit, name="นายสมชาย"))
    assert response.status_code == 200
    assert "ได้รับ" in response.content.decode()
    question = Question.objects.get()
    assert question.name == "นายสมชาย" and question.state == QuestionState.PENDING
    queued = OutgoingMail.objects.get()
    assert set(queued.to) == {people.admin.email, people.editor.email} - {""}
    assert AuditEntry.objects.filter(action="inquiry.submit").count() == 1


def test_bad_input_changes_nothing(tree: Tree, client: Any) -> None:
    url = _url("ask", tree.unit)
    for data in (
        ask_data(tree.unit, body=""),
        ask_data(tree.unit, kind="spam"),
        ask_data(tree.unit, hp_note="x"),
        ask_data(tree.unit, challenge="forged", pow=""),
        {"body": "x"},
    ):
        assert client.post(url, data).status_code == 400, data
    assert Question.objects.count() == 0


def test_questions_are_rate_limited(tree: Tree, client: Any, settings: Any) -> None:
    settings.INQUIRIES_RATE_LIMIT_PER_MINUTE = 1
    url = _url("ask", tree.unit)
    assert client.post(url, ask_data(tree.unit)).status_code == 200
    assert client.post(url, ask_data(tree.unit)).status_code == 429
    assert Question.objects.count() == 1


def test_an_answered_question_is_published_with_its_dates(
    tree: Tree, people: Personas, client: Any
) -> None:
    question = make_question(tree.unit, body="ทำใบอนุญาตกลับเข้าประเทศใช้เวลากี่วัน")
    public = _url("public", tree.unit)
    assert "ทำใบอนุญาตกลับเข้าประเทศ" not in client.get(public).content.decode()
    client.force_login(people.editor)
    publish = _url("publish", tree.unit, question_id=question.pk)
    assert client.post(publish).status_code == 302  # refused: not answered yet
    question.refresh_from_db()
    assert question.state == QuestionState.PENDING
    answered = client.post(
        _url("answer", tree.unit, question_id=question.pk), {"answer": "ภายในวันเดียวกัน"}
    )
    assert answered.status_code == 302
    assert client.post(publish).status_code == 302
    question.refresh_from_db()
    assert question.state == QuestionState.PUBLISHED and question.answered_by == people.editor
    client.logout()
    page = client.get(public).content.decode()
    assert "ทำใบอนุญาตกลับเข้าประเทศ" in page and "ภายในวันเดียวกัน" in page


def test_feedback_is_never_published(tree: Tree, people: Personas) -> None:
    feedback = make_question(tree.unit, kind="feedback", body="ที่จอดรถไม่พอ")
    services.question_answer(actor=people.editor, question=feedback, answer="รับทราบ")
    with pytest.raises(ValidationError):
        services.question_publish(actor=people.editor, question=feedback)


def test_a_rejected_question_needs_a_reason_and_stays_private(
    tree: Tree, people: Personas, client: Any
) -> None:
    question = make_question(tree.unit, body="ข้อความไม่สุภาพ")
    client.force_login(people.editor)
    url = _url("reject", tree.unit, question_id=question.pk)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "ถ้อยคำไม่สุภาพ"}).status_code == 302
    question.refresh_from_db()
    assert question.state == QuestionState.REJECTED
    with pytest.raises(ValidationError):
        services.question_answer(actor=people.editor, question=question, answer="x")


def test_only_the_units_editors_and_admins_see_the_questions(
    tree: Tree, people: Personas, client: Any
) -> None:
    question = make_question(tree.unit)
    detail = _url("question", tree.unit, question_id=question.pk)
    for persona in (people.editor, people.admin):
        client.force_login(persona)
        assert client.get(detail).status_code == 200
    for persona in (people.viewer, people.head, people.handler):
        client.force_login(persona)
        assert client.get(detail).status_code == 403
    client.force_login(people.sibling_editor)
    assert client.get(detail).status_code == 404
    other = reverse(
        "inquiries:question", kwargs={"slug": tree.sibling.slug, "question_id": question.pk}
    )
    assert client.get(other).status_code == 404


def test_response_times_count_answers_within_the_target(tree: Tree, people: Personas) -> None:
    for days in (1, 3, 20):
        question = make_question(tree.unit)
        services.question_answer(actor=people.editor, question=question, answer="ตอบ")
        Question.objects.filter(pk=question.pk).update(
            answered_at=question.created_at + dt.timedelta(days=days)
        )
    make_question(tree.unit)  # still waiting
    times = response_times(tree.unit)
    assert times.received == 4 and times.answered == 3
    assert times.median_days == pytest.approx(3.0, abs=0.01)
    assert times.within_target == pytest.approx(2 / 3)


def test_staff_curate_the_faq(tree: Tree, people: Personas, client: Any) -> None:
    client.force_login(people.editor)
    url = _url("faq", tree.unit)
    assert client.post(url, {"question": "", "answer": "x", "position": "0"}).status_code == 400
    assert (
        client.post(
            url, {"question": "เปิดทำการกี่โมง", "answer": "08.30–16.30 น.", "position": "1"}
        ).status_code
        == 302
    )
    client.logout()
    assert "08.30–16.30 น." in client.get(_url("public", tree.unit)).content.decode()

"""Each item's history (from the audit log) shows who changed what and when."""

from __future__ import annotations

from typing import Any

from prongsai.disclosures import services

from ..conftest import Personas
from .conftest import item_url
from .helpers import add_link, review_all, work


def test_the_history_lists_the_changes_newest_first(
    client: Any, people: Personas, assessment: Any
) -> None:
    evidence = add_link(assessment, "O2", actor=people.editor, title="อำนาจหน้าที่")
    services.evidence_update(
        actor=people.editor,
        evidence=evidence,
        title="อำนาจหน้าที่ (ปรับปรุง)",
        period_start=None,
        period_end=None,
    )
    submitted = services.work_submit(actor=people.editor, work=work(assessment, "O2"))
    review_all(submitted, "pass", action="complete", actor=people.evaluator)
    client.force_login(people.viewer)
    response = client.get(item_url("history", code="O2"), HTTP_ACCEPT_LANGUAGE="th")
    html = response.content.decode()
    assert html.count('data-testid="history-row"') == 4
    # what happened, in sentences (accepted, submitted to the evaluator, evidence changed)
    accepted, submitted = html.index(">ผ่านการตรวจรับ<"), html.index(">ส่งผู้ประเมิน<")
    assert accepted < submitted < html.index("แก้ไขหลักฐาน")
    assert "อำนาจหน้าที่ (ปรับปรุง)" in html
    assert "evaluator" in html and "editor" in html  # who


def test_the_evaluators_draft_saves_stay_with_the_evaluators(
    client: Any, people: Personas, assessment: Any
) -> None:
    add_link(assessment, "O3")
    submitted = services.work_submit(actor="tests", work=work(assessment, "O3"))
    review_all(submitted, "fail", action="save", comment="ร่างความเห็นยังไม่ส่ง")
    client.force_login(people.editor)
    assert "ร่างความเห็นยังไม่ส่ง" not in client.get(item_url("history", code="O3")).content.decode()
    client.force_login(people.evaluator)
    assert "ร่างความเห็นยังไม่ส่ง" in client.get(item_url("history", code="O3")).content.decode()


def test_saving_an_empty_answer_form_is_in_the_history(people: Personas, assessment: Any) -> None:
    """The first save of an untouched item creates its record; the log says who started it
    (the fuzz test found the record created with no audit entry)."""
    from prongsai.core.models import AuditEntry

    item = assessment.framework.items.get(code="O5")
    before = AuditEntry.objects.count()
    services.work_save_answer(
        actor=people.editor, assessment=assessment, item=item, answer_text="", owner=None, checks={}
    )
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry is not None and entry.action == "oit.answer"
    assert entry.object_id == str(work(assessment, "O5").pk)

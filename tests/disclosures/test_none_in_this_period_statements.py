"""An item that needs an explicit “none in this period” statement (no complaints, no procurement):
the framework marks it, the unit records the statement as the item's evidence (who, when, which
period), the public page says it in a Thai sentence, and submission, review and scoring treat it
as evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.assessments.services import assessment_open
from prongsai.core.models import AuditEntry
from prongsai.core.thai_dates import thai_date
from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, WorkState
from prongsai.disclosures.selectors import oit_item_summaries, oit_scoring_inputs
from prongsai.disclosures.services import DisclosureError
from prongsai.organizations.models import Membership

from ..conftest import Personas, Tree
from .helpers import item, review_all, work

SLUG = "kalasin-immigration"


@pytest.fixture
def general(tree: Tree, general_2569: Any) -> Any:
    """The seed unit's 2569 assessment on the provisional general-agency framework."""
    return assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2569)


def _url(name: str, code: str, year: int = 2569) -> str:
    return reverse(f"disclosures:{name}", kwargs={"slug": SLUG, "year": year, "code": code})


def _public(code: str, year: int = 2569) -> str:
    return reverse("portal:oit_item", kwargs={"slug": SLUG, "year": year, "code": code})


def test_the_unit_states_no_complaints_and_it_counts_as_evidence_end_to_end(
    general: Any, tree: Tree, people: Personas, client: Any
) -> None:
    Membership.objects.filter(user=people.editor, unit=tree.unit).update(
        rank="ร.ต.อ.", position="รอง สว.ตม.จว.กาฬสินธุ์"
    )
    client.force_login(people.editor)
    page = client.get(_url("item", "O18"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'data-testid="statement-rule"' in page
    assert "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in page
    # The item's period is the previous fiscal year, in Buddhist-era dates.
    assert "ปีงบประมาณก่อนหน้า (2568): 1 ตุลาคม 2567 – 30 กันยายน 2568" in page
    assert 'data-testid="add-statement"' in page

    form = client.get(_url("add_statement", "O18"), HTTP_ACCEPT_LANGUAGE="th")
    assert form.status_code == 200
    assert 'data-testid="statement-explained"' in form.content.decode()
    response = client.post(
        _url("add_statement", "O18"), {"period_start": "", "period_end": "", "publish": "on"}
    )
    assert response.status_code == 302

    statement = Evidence.objects.get(work__assessment=general, kind=Evidence.Kind.STATEMENT)
    assert statement.title == "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    assert (statement.period_start, statement.period_end) == (
        dt.date(2024, 10, 1),
        dt.date(2025, 9, 30),
    )
    who = f"ร.ต.อ. {people.editor.get_full_name()} รอง สว.ตม.จว.กาฬสินธุ์"
    assert statement.statement_by == who
    assert statement.created_by == people.editor and statement.is_published
    entry = AuditEntry.objects.filter(action="oit.evidence.add").latest("seq")
    assert entry.actor_id == people.editor.pk and entry.changes["kind"] == "statement"
    assert entry.changes["stated_by"] == who

    # The public page says it as a sentence, with who and when.
    client.logout()
    public = client.get(_public("O18"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert (
        "ตั้งแต่วันที่ 1 ตุลาคม 2567 ถึงวันที่ 30 กันยายน 2568 ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    ) in public
    assert f"ยืนยันโดย {who} เมื่อวันที่ {thai_date(timezone.localdate())}" in public
    assert 'data-testid="public-empty"' not in public

    # Scoring counts the item as having data; exports point at the item's public page.
    assert "O18" in oit_scoring_inputs(general)[1]
    summary = next(s for s in oit_item_summaries(general) if s.code == "O18")
    assert summary.evidence_count == 1 and summary.evidence_urls == [summary.public_url]

    # The statement alone is enough to submit; the evaluator sees it and passes the item.
    client.force_login(people.editor)
    client.post(_url("item_action", "O18"), {"action": "submit"})
    assert work(general, "O18").state == WorkState.SUBMITTED
    client.force_login(people.evaluator)
    review = client.get(_url("review", "O18"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in review
    review_all(work(general, "O18"), "pass", action="complete")
    assert work(general, "O18").state == WorkState.ACCEPTED
    assert oit_scoring_inputs(general)[0]["O18"]["criteria"] == {"O18.1": "pass"}


def test_months_without_procurement_are_stated_one_by_one(general: Any) -> None:
    october = services.evidence_add_statement(
        actor="tests",
        assessment=general,
        item=item(general, "O11"),
        period_start=dt.date(2025, 10, 1),
        period_end=dt.date(2025, 10, 31),
    )
    november = services.evidence_add_statement(
        actor="tests",
        assessment=general,
        item=item(general, "O11"),
        period_start=dt.date(2025, 11, 1),
        period_end=dt.date(2025, 11, 30),
    )
    assert october.title == november.title == "ไม่มีการจัดซื้อจัดจ้าง"
    with pytest.raises(DisclosureError, match="มีคำยืนยันที่ครอบคลุมช่วง"):
        services.evidence_add_statement(
            actor="tests",
            assessment=general,
            item=item(general, "O11"),
            period_start=dt.date(2025, 10, 15),
            period_end=dt.date(2025, 11, 15),
        )
    assert Evidence.objects.filter(work__assessment=general).count() == 2


def test_a_statement_outside_the_items_period_is_refused_with_the_period(general: Any) -> None:
    with pytest.raises(DisclosureError) as refused:
        services.evidence_add_statement(
            actor="tests",
            assessment=general,
            item=item(general, "O18"),  # the previous fiscal year: Oct 2567 – Sep 2568
            period_start=dt.date(2025, 10, 1),
            period_end=dt.date(2025, 10, 31),
        )
    assert "1 ตุลาคม 2567 – 30 กันยายน 2568" in refused.value.messages[0]
    assert not Evidence.objects.exists()


def test_items_the_framework_does_not_mark_take_no_statement(
    general: Any, people: Personas, client: Any
) -> None:
    with pytest.raises(DisclosureError, match="ไม่ใช้คำยืนยัน"):
        services.evidence_add_statement(actor="tests", assessment=general, item=item(general, "O1"))
    client.force_login(people.editor)
    assert client.get(_url("add_statement", "O1")).status_code == 404
    assert 'data-testid="add-statement"' not in client.get(_url("item", "O1")).content.decode()
    assert not Evidence.objects.exists()


def test_a_statement_cannot_be_edited_only_deleted(
    general: Any, people: Personas, client: Any
) -> None:
    statement = services.evidence_add_statement(
        actor="tests", assessment=general, item=item(general, "O12")
    )
    with pytest.raises(DisclosureError, match="แก้ไขคำยืนยันไม่ได้"):
        services.evidence_update(
            actor="tests",
            evidence=statement,
            title="มีการจัดซื้อจัดจ้าง",
            period_start=None,
            period_end=None,
        )
    client.force_login(people.editor)
    edit = reverse(
        "disclosures:evidence_edit",
        kwargs={"slug": SLUG, "year": 2569, "code": "O12", "evidence_id": statement.pk},
    )
    assert client.get(edit).status_code == 302
    statement.refresh_from_db()
    assert statement.title == "ไม่มีการจัดซื้อจัดจ้าง"
    services.evidence_delete(actor="tests", evidence=statement)
    assert not Evidence.objects.exists()


def test_a_2570_assessment_states_for_its_own_previous_year(tree: Tree, general_2569: Any) -> None:
    later = assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2570)
    statement = services.evidence_add_statement(
        actor="tests", assessment=later, item=item(later, "O18")
    )
    assert (statement.period_start, statement.period_end) == (
        dt.date(2025, 10, 1),
        dt.date(2026, 9, 30),
    )

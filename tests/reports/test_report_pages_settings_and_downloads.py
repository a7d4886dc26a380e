"""The report tab: anyone who may view the unit downloads the report (round, format, Thai digits);
editors keep the settings, prefilled from the unit's admin (reporter) and head (reviewer)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.core.audit import AuditEntry
from prongsai.reports.models import ReportSettings
from prongsai.reports.selectors import settings_for

from ..documents.helpers import fetch_document
from ..measures.helpers import make_row


def _url(name: str, assessment: Any) -> str:
    return reverse(
        f"reports:{name}", kwargs={"slug": assessment.unit.slug, "year": assessment.year}
    )


def test_settings_are_prefilled_from_the_unit(assessment: Any, people: Any) -> None:
    prefilled = settings_for(assessment)
    assert prefilled._state.adding  # nothing saved yet
    assert prefilled.reporter_name == people.admin.get_full_name()
    assert (prefilled.reviewer_rank, prefilled.reviewer_position) == ("พ.ต.ท.", "สว.ตม.จว.กาฬสินธุ์")
    assert len(prefilled.disclosure_areas) == 5


def test_an_editor_saves_the_settings(assessment: Any, people: Any, client: Any) -> None:
    client.force_login(people.editor)
    page = client.get(_url("settings", assessment))
    assert page.status_code == 200
    data = {
        "order_number": "๕/๒๕๖๗",
        "order_date": "2024-01-02",
        "briefing_date": "2024-01-08",
        "briefing_text": "ประชุมชี้แจงคณะทำงาน",
        "publication": "เพจเฟซบุ๊ก Kalasin Immigration",
        "reporter_rank": "ร.ต.อ.หญิง",
        "reporter_name": "ปวีณา ศรีสุข",
        "reporter_position": "รอง สว.ตม.จว.กาฬสินธุ์",
        "reviewer_rank": "พ.ต.ท.",
        "reviewer_name": "อนุชา วงศ์ไทย",
        "reviewer_position": "สว.ตม.จว.กาฬสินธุ์",
        "areas-TOTAL_FORMS": "3",
        "areas-INITIAL_FORMS": "0",
        "areas-0-title": "ข้อมูลพื้นฐาน",
        "areas-0-owner": "ผบ.หมู่ งานอำนวยการ",
        "areas-1-title": "การบริหารงาน",
        "areas-1-owner": "",
        "areas-2-title": "",
        "areas-2-owner": "",
    }
    assert client.post(_url("settings", assessment), data).status_code == 302
    saved = ReportSettings.objects.get(assessment=assessment)
    assert saved.order_number == "๕/๒๕๖๗"
    assert saved.disclosure_areas == [
        {"title": "ข้อมูลพื้นฐาน", "owner": "ผบ.หมู่ งานอำนวยการ"},
        {"title": "การบริหารงาน", "owner": ""},
    ]
    assert AuditEntry.objects.filter(action="report_settings.save").count() == 1


def test_viewers_download_but_do_not_change_settings(
    assessment: Any, people: Any, client: Any
) -> None:
    make_row(assessment)
    client.force_login(people.viewer)
    assert client.get(_url("index", assessment)).status_code == 200
    assert client.get(_url("settings", assessment)).status_code == 403
    docx = fetch_document(client, _url("download", assessment), {"round": "12", "format": "docx"})
    assert docx.response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="ita-report-kalasin-immigration-2567-r12.docx"'
        in docx.response["Content-Disposition"]
    )
    assert docx.response["Content-Disposition"].startswith("attachment;")
    assert docx.response["X-Content-Type-Options"] == "nosniff"
    pdf = fetch_document(
        client, _url("download", assessment), {"round": "6", "format": "pdf", "thai_digits": "on"}
    )
    assert pdf.content.startswith(b"%PDF")
    assert pdf.document.requested_by == people.viewer


def test_a_bad_download_request_is_answered_with_a_message(
    assessment: Any, people: Any, client: Any
) -> None:
    client.force_login(people.viewer)
    response = client.post(_url("download", assessment), {"round": "7", "format": "exe"})
    assert response.status_code == 302
    assert response["Location"] == _url("index", assessment)

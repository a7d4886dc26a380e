"""Editors create, edit, reorder and delete plan rows and record progress; viewers and evaluators
read the plan; other units' people do not see it. The plan filters by indicator and status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from prongsai.core.audit import AuditEntry
from prongsai.measures.models import PlanRow, ProgressUpdate

from ..documents.helpers import fetch_document
from .helpers import add_update, make_row, png_upload


def _url(name: str, assessment: Any, **kwargs: Any) -> str:
    return reverse(
        f"measures:{name}", kwargs={"slug": assessment.unit.slug, "year": assessment.year, **kwargs}
    )


ROW_POST = {
    "indicator": "9",
    "issue": "ปรับปรุงเว็บไซต์สำหรับเปิดเผยข้อมูลสู่สาธารณะ",
    "activity": "ปรับปรุงเว็บไซต์/ข้อมูลให้เป็นปัจจุบัน",
    "output": "ข้อมูล OIT O๒๓",
    "channels": ["website", "facebook"],
    "period_text": "๑ ม.ค. ๖๗ ถึง ๓๑ มี.ค. ๖๗",
    "responsible_positions": "รอง สว.ตม.จว.กาฬสินธุ์\nผบ.หมู่ งานอำนวยการ",
    "cadence": "monthly",
    "status": "not_started",
}


def test_an_editor_adds_and_edits_a_row(assessment: Any, people: Any, client: Any) -> None:
    client.force_login(people.editor)
    response = client.post(
        _url("row_new", assessment), {**ROW_POST, "responsible_users": [people.editor.pk]}
    )
    assert response.status_code == 302
    row = PlanRow.objects.get()
    assert row.period_start == dt.date(2024, 1, 1) and row.period_end == dt.date(2024, 3, 31)
    assert row.period_text == ""
    assert row.oit_items == ["O23"]  # found in the output
    assert row.responsible_positions == ["รอง สว.ตม.จว.กาฬสินธุ์", "ผบ.หมู่ งานอำนวยการ"]
    assert list(row.responsible_users.all()) == [people.editor]

    response = client.post(
        _url("row_edit", assessment, row_id=row.pk),
        {**ROW_POST, "cadence": "event", "cadence_text": "", "oit_items": "O22"},
    )
    assert response.status_code == 200  # an event cadence needs its wording
    assert "cadence_text" in response.context["form"].errors
    response = client.post(
        _url("row_edit", assessment, row_id=row.pk),
        {**ROW_POST, "cadence": "event", "cadence_text": "ทุกครั้งที่มีการเปลี่ยนแปลง", "oit_items": "O22"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.cadence, row.cadence_text, row.oit_items) == (
        "event",
        "ทุกครั้งที่มีการเปลี่ยนแปลง",
        ["O22"],
    )
    assert not row.responsible_users.exists()
    assert AuditEntry.objects.filter(action="plan_row.update", object_id=str(row.pk)).exists()


def test_someone_outside_the_unit_cannot_be_made_responsible(
    assessment: Any, people: Any, client: Any
) -> None:
    client.force_login(people.editor)
    response = client.post(
        _url("row_new", assessment), {**ROW_POST, "responsible_users": [people.sibling_editor.pk]}
    )
    assert response.status_code == 200
    assert "responsible_users" in response.context["form"].errors
    assert not PlanRow.objects.exists()


def test_rows_are_reordered_and_deleted(assessment: Any, people: Any, client: Any) -> None:
    first, second, third = (make_row(assessment, activity=a) for a in ("ก", "ข", "ค"))
    client.force_login(people.editor)
    client.post(_url("row_move", assessment, row_id=third.pk), {"direction": "up"})
    order = list(PlanRow.objects.order_by("position").values_list("activity", flat=True))
    assert order == ["ก", "ค", "ข"]
    client.post(_url("row_move", assessment, row_id=first.pk), {"direction": "down"})
    assert list(PlanRow.objects.order_by("position").values_list("activity", flat=True)) == [
        "ค",
        "ก",
        "ข",
    ]
    client.post(_url("row_delete", assessment, row_id=first.pk))
    assert list(PlanRow.objects.order_by("position").values_list("activity", "position")) == [
        ("ค", 1),
        ("ข", 2),
    ]
    assert second.pk in set(PlanRow.objects.values_list("pk", flat=True))


def test_an_editor_records_progress_with_a_photo(assessment: Any, people: Any, client: Any) -> None:
    row = make_row(assessment, status="not_started")
    client.force_login(people.editor)
    page = client.get(_url("row", assessment, row_id=row.pk))
    key = page.context["form"].initial["idempotency_key"]
    data = {
        "date": "2024-02-10",
        "text": "ติดตั้งป้าย No Gift Policy",
        "status": "done",
        "links": "https://www.facebook.com/KalasinImmigration",
        "idempotency_key": key,
        "photos": [png_upload("a.png"), png_upload("b.png", colour="red")],
    }
    assert client.post(_url("row", assessment, row_id=row.pk), data).status_code == 302
    # The same form sent twice (a double click) is stored once.
    data["photos"] = [png_upload("a.png")]
    assert client.post(_url("row", assessment, row_id=row.pk), data).status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.photos.count() == 2
    row.refresh_from_db()
    assert row.status == "done"


def test_a_non_photo_is_refused_on_the_form(assessment: Any, people: Any, client: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    row = make_row(assessment)
    client.force_login(people.editor)
    response = client.post(
        _url("row", assessment, row_id=row.pk),
        {
            "date": "2024-02-10",
            "text": "ภาพ",
            "status": "done",
            "idempotency_key": "k",
            "photos": [
                SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
            ],
        },
    )
    assert response.status_code == 200
    assert "photos" in response.context["form"].errors
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("persona", ["viewer", "evaluator", "head"])
def test_readers_see_the_plan_but_cannot_write(
    assessment: Any, people: Any, client: Any, persona: str
) -> None:
    row = make_row(assessment)
    add_update(row, photo=True)
    client.force_login(getattr(people, persona))
    assert client.get(_url("plan", assessment)).status_code == 200
    page = client.get(_url("row", assessment, row_id=row.pk))
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(_url("row", assessment, row_id=row.pk), {"text": "x"}).status_code == 403
    assert client.post(_url("row_new", assessment), ROW_POST).status_code == 403
    assert client.post(_url("row_delete", assessment, row_id=row.pk)).status_code == 403
    assert fetch_document(client, _url("export_xlsx", assessment)).content.startswith(b"PK")
    assert PlanRow.objects.count() == 1


def test_people_of_another_unit_do_not_see_the_plan(
    assessment: Any, people: Any, client: Any
) -> None:
    row = make_row(assessment)
    client.force_login(people.sibling_editor)
    assert client.get(_url("plan", assessment)).status_code == 404
    assert client.get(_url("row", assessment, row_id=row.pk)).status_code == 404


def test_the_plan_filters_by_indicator_status_and_overdue(
    assessment: Any, people: Any, client: Any
) -> None:
    make_row(assessment, indicator="1", activity="หนึ่ง", status="done")
    make_row(
        assessment, indicator="9", activity="เก้า-กำลังทำ", status="in_progress", cadence="monthly"
    )
    make_row(assessment, indicator="9", activity="เก้า-เสร็จ", status="done")
    client.force_login(people.viewer)

    def activities(**query: str) -> list[str]:
        response = client.get(_url("plan", assessment), query)
        return [r["row"].activity for r in response.context["rows"]]

    assert activities() == ["หนึ่ง", "เก้า-กำลังทำ", "เก้า-เสร็จ"]
    assert activities(indicator="9") == ["เก้า-กำลังทำ", "เก้า-เสร็จ"]
    assert activities(indicator="9", status="done") == ["เก้า-เสร็จ"]
    assert activities(overdue="on") == ["เก้า-กำลังทำ"]


def test_a_double_submitted_new_row_is_created_once(
    assessment: Any, people: Any, client: Any
) -> None:
    client.force_login(people.editor)
    key = client.get(_url("row_new", assessment)).context["form"].initial["idempotency_key"]
    for _ in range(2):
        response = client.post(_url("row_new", assessment), {**ROW_POST, "idempotency_key": key})
        assert response.status_code == 302
    assert PlanRow.objects.count() == 1

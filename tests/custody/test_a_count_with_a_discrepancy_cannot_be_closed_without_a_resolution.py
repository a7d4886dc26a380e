"""A count lists what the register expects; a discrepancy (missing, elsewhere, another
condition, an unexpected find) must be resolved with a reason before the count closes — the
service refuses in Thai."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from prongsai.custody.models import CountLine
from prongsai.custody.services import property as services

from .helpers import item, property_custodian


def test_the_count_refuses_to_close_until_each_discrepancy_has_a_reason(tree: Any) -> None:
    item(tree.unit, "A-1")
    item(tree.unit, "A-2")
    item(tree.unit, "W-1", item_class="weapons", name="ปืนพก")
    session = services.count_start(
        actor="tests",
        unit=tree.unit,
        title="ตรวจนับ ต.ค. 66",
        started_on=dt.date(2023, 10, 5),
        counted_by="คณะกรรมการตรวจนับ",
    )
    lines = {line.expected_identifier: line for line in session.lines.all()}
    assert set(lines) == {"A-1", "A-2", "W-1"}
    services.count_record(actor="tests", line=lines["A-1"], finding="found")
    services.count_record(actor="tests", line=lines["A-2"], finding="missing")
    services.count_record(actor="tests", line=lines["W-1"], finding="found")
    services.count_add_unexpected(
        actor="tests", session=session, description="เครื่องพิมพ์ไม่มีหมายเลข", found_location="ห้องธุรการ"
    )

    with translation.override("th"), pytest.raises(ValidationError) as refused:
        services.count_close(actor="tests", session=session)
    message = " ".join(refused.value.messages)
    assert "ปิดการตรวจนับไม่ได้" in message and "2" in message
    session.refresh_from_db()
    assert session.closed_at is None

    services.count_resolve(actor="tests", line=lines["A-2"], resolution="ยืมไปซ่อม มีหลักฐานใบส่งซ่อม")
    with pytest.raises(ValidationError):
        services.count_close(actor="tests", session=session)
    unexpected = CountLine.objects.get(session=session, finding="unexpected")
    with pytest.raises(ValidationError):
        services.count_resolve(actor="tests", line=unexpected, resolution="  ")
    services.count_resolve(actor="tests", line=unexpected, resolution="ลงทะเบียนเป็นครุภัณฑ์ใหม่")

    services.count_close(actor="tests", session=session)
    session.refresh_from_db()
    assert session.closed_at is not None
    with pytest.raises(ValidationError):
        services.count_record(actor="tests", line=lines["A-1"], finding="missing")


def test_the_close_button_shows_the_refusal(tree: Any, client: Any) -> None:
    keeper = property_custodian(tree.unit)
    item(tree.unit, "A-1")
    session = services.count_start(
        actor="tests",
        unit=tree.unit,
        title="ตรวจนับ",
        started_on=dt.date(2023, 10, 5),
        counted_by="คณะกรรมการ",
    )
    services.count_record(actor="tests", line=session.lines.get(), finding="missing")
    client.force_login(keeper)
    url = reverse("custody:count_close", kwargs={"slug": tree.unit.slug, "count_id": session.pk})
    page = client.post(url, follow=True)
    assert "ปิดการตรวจนับไม่ได้" in page.content.decode()
    session.refresh_from_db()
    assert session.closed_at is None

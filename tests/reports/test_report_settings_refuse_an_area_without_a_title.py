"""An area of disclosure with an owner but no title is refused with a Thai message on the form,
and nothing is saved (it used to be a server error)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from prongsai.reports.models import ReportSettings


def test_an_owner_without_an_area_title_gets_a_form_error(
    assessment: Any, people: Any, client: Any
) -> None:
    client.force_login(people.editor)
    url = reverse("reports:settings", kwargs={"slug": assessment.unit.slug, "year": 2567})
    data = {
        "reporter_name": "ปวีณา ศรีสุข",
        "areas-TOTAL_FORMS": "2",
        "areas-INITIAL_FORMS": "0",
        "areas-0-title": "ข้อมูลพื้นฐาน",
        "areas-0-owner": "",
        "areas-1-title": "   ",
        "areas-1-owner": "ผบ.หมู่ งานอำนวยการ",
    }
    with translation.override("th"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ทุกประเด็นต้องมีชื่อ" in html
    assert not ReportSettings.objects.filter(assessment=assessment).exists()

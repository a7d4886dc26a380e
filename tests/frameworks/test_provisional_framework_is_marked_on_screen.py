"""The provisional 2569 framework says so on the framework list and its page, in Thai, and its
page shows each item's data period (current or previous fiscal year) and which items take a
“none in this period” statement."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ..conftest import Personas


def test_the_list_and_the_page_mark_it_provisional(
    people: Personas, framework: Any, general_2569: Any, client: Any
) -> None:
    client.force_login(people.editor)
    listing = client.get(reverse("frameworks:list"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert listing.count('data-testid="framework-provisional"') == 1
    assert "ฉบับชั่วคราว (รอยืนยัน)" in listing

    url = reverse("frameworks:detail", kwargs={"framework_id": general_2569.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert 'data-testid="provisional-notice"' in page
    assert "กรอบการประเมินฉบับชั่วคราว" in page
    # Periods of the framework's own year, relative to it, in Buddhist-era dates.
    assert "ปีงบประมาณก่อนหน้า (2568): 1 ตุลาคม 2567 – 30 กันยายน 2568" in page
    assert "ปีงบประมาณ 2569: 1 ตุลาคม 2568 – 30 กันยายน 2569" in page
    assert "หากไม่มีในช่วงเวลานั้น หน่วยงานต้องยืนยันว่า “ไม่มีการจัดซื้อจัดจ้าง”" in page
    # Unknown titles and criteria are flagged, not invented.
    assert "ยังไม่ทราบชื่อรายการ" in page and "รอเติมเกณฑ์การประเมิน" in page


def test_an_official_framework_carries_no_notice(
    people: Personas, framework: Any, client: Any
) -> None:
    framework.status = "official"
    framework.save(update_fields=["status"])
    client.force_login(people.editor)
    url = reverse("frameworks:detail", kwargs={"framework_id": framework.pk})
    page = client.get(url).content.decode()
    assert "framework-notice" not in page and "provisional-notice" not in page


def test_exported_to_xlsx_it_imports_back_as_the_same_framework(
    people: Personas, general_2569: Any, client: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prongsai.frameworks.models import Framework

    client.force_login(people.bureau_admin)
    export = client.get(reverse("frameworks:export_xlsx", kwargs={"framework_id": general_2569.pk}))
    assert export.status_code == 200
    upload = SimpleUploadedFile("ita-2569-general-v1.xlsx", export.content)
    response = client.post(reverse("frameworks:import"), {"file": upload, "action": "load"})
    assert response.status_code == 302  # "already loaded: nothing changed" (same checksum)
    assert Framework.objects.filter(code="ita-2569-general").count() == 1

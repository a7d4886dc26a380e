"""Members browse frameworks in Thai or English; the parent organisation's admins export them
and import corrections (as a new version) without a developer."""

from __future__ import annotations

import copy
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.frameworks.models import Framework, Item
from prongsai.frameworks.xlsx import definition_to_xlsx

from ..conftest import Personas, police_definition


def _xlsx(definition: dict[str, Any]) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "ita-2567-police-v3.xlsx",
        definition_to_xlsx(definition),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_members_browse_a_framework_in_thai_and_english(
    people: Personas, framework: Framework, client: Any
) -> None:
    client.force_login(people.editor)
    url = reverse("frameworks:detail", kwargs={"framework_id": framework.pk})
    thai = client.get(url, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "ประกาศนโยบายต่อต้านการรับสินบน" in thai
    assert "ita-2567-police:O17" in thai
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Anti-bribery policy" in english or "Anti-Bribery" in english
    assert client.get(reverse("frameworks:list")).status_code == 200


def test_outsiders_and_editors_cannot_export_or_import(
    people: Personas, framework: Framework, client: Any
) -> None:
    client.force_login(people.outsider)
    assert client.get(reverse("frameworks:list")).status_code == 403
    client.force_login(people.editor)
    export = reverse("frameworks:export_xlsx", kwargs={"framework_id": framework.pk})
    assert client.get(export).status_code == 403
    response = client.post(reverse("frameworks:import"), {"file": _xlsx(police_definition())})
    assert response.status_code == 403


def test_parent_admin_exports_corrects_and_imports_a_new_version(
    people: Personas, framework: Framework, client: Any
) -> None:
    client.force_login(people.bureau_admin)
    export = client.get(reverse("frameworks:export_xlsx", kwargs={"framework_id": framework.pk}))
    assert export.status_code == 200
    assert export["Content-Disposition"] == 'attachment; filename="ita-2567-police-v3.xlsx"'

    book = load_workbook(io.BytesIO(export.content))
    meta = book["framework"]
    version_row = next(r for r in meta.iter_rows(min_row=2) if r[0].value == "version")
    version_row[1].value = 4
    book["items"]["C2"] = "โครงสร้าง อัตรากำลัง และข้อมูลผู้บริหาร (ปรับปรุง)"
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("corrected.xlsx", buffer.getvalue())
    response = client.post(reverse("frameworks:import"), {"file": upload, "action": "load"})
    assert response.status_code == 302
    new = Framework.objects.get(code="ita-2567-police", version=4)
    assert Item.objects.get(framework=new, code="O1").title_th.endswith("(ปรับปรุง)")
    assert Item.objects.get(framework=framework, code="O1").title_th.endswith("ผู้บริหาร")


def test_a_broken_upload_lists_problems_with_sheet_and_row_and_loads_nothing(
    people: Personas, framework: Framework, client: Any
) -> None:
    client.force_login(people.bureau_admin)
    broken = copy.deepcopy(police_definition())
    broken["version"] = 4
    broken["instruments"][0]["weight"] = 35
    broken["items"][4]["sub_indicator"] = "9.9.9"
    before = Framework.objects.count()
    response = client.post(reverse("frameworks:import"), {"file": _xlsx(broken), "action": "load"})
    assert response.status_code == 400
    page = response.content.decode()
    # In Thai, like the rest of the page (the framework import message was English).
    assert "น้ำหนักรวมเป็น 105 ต้องรวมเป็น 100" in page
    assert "items[4].sub_indicator: ไม่รู้จักตัวชี้วัดย่อย" in page
    assert "แผ่นงาน &#x27;items&#x27; แถว 6" in page
    assert "weights add up to" not in page and "unknown sub-indicator" not in page
    assert Framework.objects.count() == before


def test_check_only_writes_nothing(people: Personas, framework: Framework, client: Any) -> None:
    client.force_login(people.bureau_admin)
    definition = copy.deepcopy(police_definition())
    definition["version"] = 9
    before = Framework.objects.count()
    response = client.post(
        reverse("frameworks:import"), {"file": _xlsx(definition), "action": "check"}, follow=True
    )
    assert response.status_code == 200
    assert Framework.objects.count() == before

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.procurement.importing import parse_procurement_file
from prongsai.procurement.layouts import POLICE_HEADINGS
from prongsai.procurement.models import Procurement

from .helpers import POLICE_ROW, SK1_ROWS_JAN, police_workbook, sk1_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client: Any, url: str, data: bytes) -> Any:
    return client.post(
        url, {"file": SimpleUploadedFile("procurement.xlsx", data, content_type=XLSX)}
    )


def test_an_unknown_header_is_chosen_on_the_preview_then_imported(
    client: Any, people: Any, tree: Any
) -> None:
    headers = list(POLICE_HEADINGS)
    headers[14] = "คู่สัญญา"  # the unit's own word for the selected supplier
    data = police_workbook([POLICE_ROW], headers=headers)
    client.force_login(people.editor)
    url = reverse("procurement:import", kwargs={"slug": tree.unit.slug, "year": 2567})
    page = _upload(client, url, data)
    body = page.content.decode()
    assert 'data-testid="import-needs-mapping"' in body and 'name="confirm"' not in body
    token = page.context["mapping_token"]
    columns = parse_procurement_file(tree.unit, 2567, data).columns
    choice = {f"map-{n}": c.suggestion or "+ignore" for n, c in enumerate(columns)}
    unknown = next(n for n, c in enumerate(columns) if c.header == "คู่สัญญา")
    choice[f"map-{unknown}"] = "supplier"
    page = client.post(url, {"token": token, "map": "1", **choice})
    assert page.context["result"].ok, [str(p) for p in page.context["result"].problems]
    page = client.post(url, {"token": page.context["token"], "confirm": "1"})
    assert page.status_code == 302
    assert Procurement.objects.get().supplier == "ร้านคอมพ์กาฬสินธุ์"
    # Remembered for the unit: the next file of this layout maps itself.
    assert parse_procurement_file(tree.unit, 2567, data).ok


def test_a_broken_file_names_each_cell_and_saves_nothing(
    client: Any, people: Any, tree: Any
) -> None:
    rows = [list(SK1_ROWS_JAN[0]), list(SK1_ROWS_JAN[1])]
    rows[0][2] = "ยี่สิบห้าพัน"
    rows[1][4] = "ตามใจ"
    data = sk1_workbook(("ม.ค. 67", "มกราคม ๒๕๖๗", rows), ("ก.พ. 67", "กุมภาพันธ์ ๒๕๖๗", None))
    client.force_login(people.editor)
    url = reverse("procurement:import", kwargs={"slug": tree.unit.slug, "year": 2567})
    page = _upload(client, url, data)
    body = page.content.decode()
    assert 'data-testid="import-problems"' in body
    problems = [str(p) for p in page.context["result"].problems]
    assert len(problems) == 2
    assert "“ม.ค. 67” แถวที่ 5 คอลัมน์ “C”: อ่าน “ยี่สิบห้าพัน”" in problems[0]
    assert "“ม.ค. 67” แถวที่ 6 คอลัมน์ “E”: ไม่รู้จักวิธี “ตามใจ”" in problems[1]
    assert 'name="confirm"' not in body
    assert not Procurement.objects.exists()

"""The XLSX export (overview as filtered, both heat maps, reporting rates) and the PDF summary
are generated documents rendered by the task worker; a division viewer's files hold their
division only, and another division's viewer cannot download them."""

from __future__ import annotations

import io
import subprocess
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from prongsai.organizations.models import Role

from ..documents.helpers import fetch_document
from ..factories import UserFactory, grant
from .conftest import Bureau


def _url(name: str, slug: str) -> str:
    return reverse(name, kwargs={"slug": slug, "year": 2567})


def test_the_xlsx_holds_the_overview_heat_maps_and_rates(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    fetched = fetch_document(client, _url("rollup:export_xlsx", bureau.tree.bureau.slug))
    assert fetched.document.kind == "rollup.xlsx"
    book = load_workbook(io.BytesIO(fetched.content))
    assert book.sheetnames == ["ภาพรวม", "OIT รายข้อ", "คะแนนรายตัวชี้วัด", "อัตราการรายงาน"]
    overview = list(book["ภาพรวม"].iter_rows(values_only=True))
    header, rows, totals = overview[0], overview[1:-1], overview[-1]
    by_slug = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    assert len(by_slug) == 6
    kalasin = by_slug[bureau.tree.unit.slug]
    assert (kalasin["EIT จำนวน"], kalasin["EIT เป้าหมาย"], kalasin["OIT ผ่าน"]) == (250, 200, 1)
    assert kalasin["อันดับ"] == "1="
    assert totals[2] == "รวม 6 หน่วยงาน"
    oit = {row[0]: row for row in book["OIT รายข้อ"].iter_rows(values_only=True)}
    assert oit["รหัสหน่วยงาน"][2] == "O1"
    assert oit[bureau.tree.unit.slug][2:5] == ("ผ่านการตรวจรับ", "ส่งประเมินแล้ว", "ยังไม่ได้ดำเนินการ")
    assert set(oit) - {"รหัสหน่วยงาน"} == {
        bureau.tree.unit.slug,
        bureau.tree.sibling.slug,
        bureau.tree.other_unit.slug,
    }


def test_the_export_follows_the_overviews_filters(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    url = _url("rollup:export_xlsx", bureau.tree.bureau.slug) + "?behind=iit"
    fetched = fetch_document(client, url)
    rows = list(load_workbook(io.BytesIO(fetched.content))["ภาพรวม"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:-1]] == [bureau.tree.sibling.slug]


def test_a_division_viewers_files_hold_their_division_only(client: Any, bureau: Bureau) -> None:
    tree = bureau.tree
    mine, theirs = UserFactory(username="div4-viewer"), UserFactory(username="div1-viewer")
    grant(mine, tree.division, Role.VIEWER)
    grant(theirs, tree.other_division, Role.VIEWER)
    client.force_login(mine)
    fetched = fetch_document(client, _url("rollup:export_xlsx", tree.division.slug))
    book = load_workbook(io.BytesIO(fetched.content))
    slugs = {row[0] for sheet in book.worksheets[1:3] for row in sheet.iter_rows(values_only=True)}
    slugs |= {row[1] for row in book["ภาพรวม"].iter_rows(values_only=True)}
    assert tree.other_unit.slug not in slugs and tree.unit.slug in slugs
    assert client.post(_url("rollup:export_xlsx", tree.other_division.slug)).status_code == 404
    client.force_login(theirs)
    assert client.get(fetched.document.file_url).status_code == 404
    client.force_login(bureau.people.editor)  # an editor of a unit in it: no roll-up rights
    assert client.get(fetched.document.file_url).status_code in (403, 404)


def test_the_pdf_summary_is_thai_and_lists_the_ranking(
    client: Any, bureau: Bureau, tmp_path: Any
) -> None:
    client.force_login(bureau.people.bureau_admin)
    fetched = fetch_document(client, _url("rollup:export_pdf", bureau.tree.bureau.slug))
    assert fetched.content.startswith(b"%PDF")
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(fetched.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "สรุปภาพรวมการประเมินคุณธรรมและความโปร่งใส" in text
    assert "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in text
    assert "IIT ต่ำกว่าเป้าหมาย" in text

"""A month's procurement, published: the สขร.1 summary and the 16-field data in PDF, XLSX, CSV
and JSON at stable public addresses (no log-in), the OCDS package, O14 evidence."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client

from prongsai.procurement.importing import parse_procurement_file
from prongsai.procurement.layouts import POLICE_HEADINGS, SK1_CONTRACT_SUBHEADINGS, SK1_HEADINGS
from prongsai.publications.models import Publication

from .helpers import content, pdf_text, public_file, publish_period, record


def _squash(text: str) -> str:
    return "".join(text.split())


def test_a_month_publishes_the_skr1_and_16_field_documents(
    client: Any, people: Any, tree: Any, tmp_path: Any
) -> None:
    record(tree.unit, month=dt.date(2024, 3, 1))
    record(tree.unit, month=dt.date(2024, 3, 1), title="จ้างเหมาทำความสะอาด", method="selection")
    client.force_login(people.editor)
    assert publish_period(client, tree.unit, "2567-03").status_code == 302
    assert {p.series for p in Publication.objects.all()} == {
        "procurement.summary",
        "procurement.police",
        "procurement.ocds",
    }
    assert {p.item_code for p in Publication.objects.all()} == {"O14"}

    anonymous = Client()
    types = {
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
        "json": "application/json",
    }
    files = {}
    for series in ("procurement-summary", "procurement-16-fields"):
        for fmt, content_type in types.items():
            response = public_file(anonymous, tree.unit, series, "2567-03", fmt)
            assert response.status_code == 200, (series, fmt)
            assert response["Content-Type"] == content_type
            files[series, fmt] = content(response)

    text = _squash(pdf_text(files["procurement-summary", "pdf"], tmp_path))
    for heading in (*SK1_HEADINGS, *SK1_CONTRACT_SUBHEADINGS, "แบบสขร.๑"):
        assert _squash(heading) in text, heading
    assert _squash("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม พ.ศ. 2567") in text
    assert _squash("ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์") in text
    assert _squash("จ้างเหมาทำความสะอาด") in text

    police = _squash(pdf_text(files["procurement-16-fields", "pdf"], tmp_path))
    for heading in POLICE_HEADINGS:
        assert _squash(heading) in police, heading

    # The สขร.1 workbook imports back as it is.
    again = parse_procurement_file(tree.unit, 2567, files["procurement-summary", "xlsx"])
    assert again.ok, [str(p) for p in again.problems]
    assert [d.fields["title"] for d in again.drafts] == ["จัดซื้อวัสดุสำนักงาน", "จ้างเหมาทำความสะอาด"]
    assert again.drafts[0].fields["contract_date"] == dt.date(2024, 3, 15)

    csv = files["procurement-16-fields", "csv"].decode("utf-8")
    assert csv.startswith("\ufeff" + ",".join(POLICE_HEADINGS))
    data = json.loads(files["procurement-summary", "json"])
    assert data["period"] == "2567-03" and data["no_procurement"] is False
    assert data["records"][0]["bids"][1] == {"bidder": "หจก.อีสานซัพพลาย", "amount": 24800.0}
    assert data["records"][0]["contract_date"] == "2024-03-15"

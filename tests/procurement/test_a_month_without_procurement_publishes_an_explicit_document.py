from __future__ import annotations

import json
from typing import Any

from django.test import Client

from prongsai.procurement.importing import parse_procurement_file
from prongsai.publications.models import Publication

from .helpers import content, pdf_text, public_file, publish_period


def test_a_month_without_procurement_publishes_an_explicit_document(
    client: Any, people: Any, tree: Any, tmp_path: Any
) -> None:
    client.force_login(people.editor)
    publish_period(client, tree.unit, "2567-02")
    # No OCDS package for an empty month (a package needs a release); the two layouts say it.
    assert {p.series for p in Publication.objects.all()} == {
        "procurement.summary",
        "procurement.police",
    }
    anonymous = Client()
    pdf = content(public_file(anonymous, tree.unit, "procurement-summary", "2567-02", "pdf"))
    text = "".join(pdf_text(pdf, tmp_path).split())
    assert "ไม่มีการจัดซื้อจัดจ้าง" in text and "กุมภาพันธ์พ.ศ.2567" in text
    body = public_file(anonymous, tree.unit, "procurement-summary", "2567-02", "json")
    data = json.loads(content(body))
    assert (data["no_procurement"], data["statement"], data["records"]) == (
        True,
        "ไม่มีการจัดซื้อจัดจ้าง",
        [],
    )
    xlsx = content(public_file(anonymous, tree.unit, "procurement-summary", "2567-02", "xlsx"))
    again = parse_procurement_file(tree.unit, 2567, xlsx)
    assert again.ok and again.drafts == [] and len(again.empty_months) == 1
    csv = content(public_file(anonymous, tree.unit, "procurement-16-fields", "2567-02", "csv"))
    assert "ไม่มีการจัดซื้อจัดจ้าง" in csv.decode("utf-8")

"""The demo (issue 12, "What it must show" 1, procurement part): the Kalasin unit's O13 and O14
public item pages list its procurement documents for October 2566 – March 2567 in PDF and a
machine-readable format, every listed address answers without log-in with its own type, and
the text of the March สขร.1 PDF holds the nine headings and the unit's name."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.procurement.layouts import SK1_CONTRACT_SUBHEADINGS, SK1_HEADINGS
from prongsai.procurement.models import Procurement
from prongsai.publications.registry import FORMATS

from .helpers import content, pdf_text

MONTHS = ["2566-10", "2566-11", "2566-12", "2567-01", "2567-02", "2567-03"]


@pytest.mark.django_db
def test_the_demo_publishes_six_months_of_procurement(
    full_demo: Any, settings: Any, tmp_path: Any
) -> None:
    months = set(
        Procurement.objects.filter(unit__slug="kalasin-immigration").values_list("month", flat=True)
    )
    assert len(months) == 5  # December 2566 had none
    anonymous = Client()
    for code, series in (
        ("O14", "procurement-summary"),
        ("O14", "procurement-16-fields"),
        ("O13", "procurement-plan"),
    ):
        page = anonymous.get(
            reverse(
                "portal:oit_item",
                kwargs={"slug": "kalasin-immigration", "year": 2567, "code": code},
            )
        )
        assert page.status_code == 200
        links = set(
            re.findall(
                rf'href="(/p/kalasin-immigration/2567/data/{series}/[^"]+)"', page.content.decode()
            )
        )
        periods = MONTHS if series != "procurement-plan" else ["q1", "q2"]
        for period in periods:
            for fmt in ("pdf", "json"):
                assert f"/p/kalasin-immigration/2567/data/{series}/{period}.{fmt}" in links, (
                    series,
                    period,
                    fmt,
                )
        for link in links:
            response = anonymous.get(link)
            assert response.status_code == 200, link
            fmt = link.rsplit(".", 1)[1]
            assert response["Content-Type"] == FORMATS[fmt][0], link
    march = anonymous.get("/p/kalasin-immigration/2567/data/procurement-summary/2567-03.pdf")
    text = "".join(pdf_text(content(march), tmp_path).split())
    for heading in (*SK1_HEADINGS, *SK1_CONTRACT_SUBHEADINGS):
        assert "".join(heading.split()) in text, heading
    assert "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in text
    december = anonymous.get("/p/kalasin-immigration/2567/data/procurement-summary/2566-12.pdf")
    assert "ไม่มีการจัดซื้อจัดจ้าง" in "".join(pdf_text(content(december), tmp_path).split())

"""On the demo, the public pages of O6, O10, O11 and O12 list October 2566 – March 2567 (the fund
its first two quarters) in PDF and a machine-readable format; every listed address answers 200
without log-in with the format's Content-Type; the O10 PDF holds the unit's name and the
statistics; the demo step loads twice without adding anything."""

from __future__ import annotations

import re
import subprocess
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from prongsai.publications.models import Publication

from .helpers import content

MONTHS = ["2566-10", "2566-11", "2566-12", "2567-01", "2567-02", "2567-03"]
EXPECTED_PERIODS = {"O6": MONTHS, "O10": MONTHS, "O11": MONTHS, "O12": ["q1", "q2"]}

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "json": "application/json",
}


@pytest.mark.django_db
def test_demo(full_demo: Any, settings: Any, tmp_path: Any) -> None:
    settings.DEBUG = True  # (loading again, below)
    public = Client()
    for code, periods in EXPECTED_PERIODS.items():
        page = public.get(f"/p/kalasin-immigration/2567/oit/{code}/")
        assert page.status_code == 200, code
        html = page.content.decode()
        links = re.findall(
            r'href="(/p/kalasin-immigration/2567/data/[^"/]+/([^"/.]+)\.(\w+))"', html
        )
        found = {(period, fmt) for _url, period, fmt in links}
        for period in periods:
            assert (period, "pdf") in found, (code, period)
            assert any((period, f) in found for f in ("csv", "json", "xlsx", "docx")), (
                code,
                period,
            )
        for url, _period, fmt in links:
            response = public.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith(TYPES[fmt]), url
    march = public.get("/p/kalasin-immigration/2567/data/statistics/2567-03.pdf")
    pdf = tmp_path / "o10.pdf"
    pdf.write_bytes(content(march))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in text and "มีนาคม 2567" in text
    count = Publication.objects.count()
    call_command("demo_load", stdout=StringIO())
    assert Publication.objects.count() == count

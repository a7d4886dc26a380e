"""The item-level checks over all of an item's evidence (a PDF beside its spreadsheet passes the
format check; elements missing entirely fail), an unreadable kind of file only warns, and a
social-media link warns."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from prongsai.frameworks.spec import Precheck
from prongsai.prechecks.checks import Document, ItemContext, check_on_unit_site
from prongsai.prechecks.engine import check_url, check_works, works_to_check
from prongsai.prechecks.extract import Extracted
from prongsai.prechecks.fetching import Fetched

from .helpers import MONTHS_H1, PDF_TYPE, XLSX_TYPE, add_link, page, thai_pdf, xlsx
from .server import LocalSite, Reply

pytestmark = pytest.mark.django_db


def _item_checks(assessment: Any, code: str) -> dict[str, tuple[str, str]]:
    assessment.unit.refresh_from_db()
    (checked,) = check_works(assessment, works_to_check(assessment, codes=[code]))
    return {c.name: (c.status, c.reason) for c in checked.outcome.checks}


def test_a_pdf_beside_its_spreadsheet_passes_the_format_and_the_months(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    pdf = thai_pdf("สถิติคดี", "สถิติคดีรายเดือน ปีงบประมาณ 2567")
    add_link(assessment, "O10", site.route("/o10.pdf", Reply(pdf, content_type=PDF_TYPE)))
    sheet = xlsx([["เดือน", "สถิติคดี"], *[[m, 3] for m in MONTHS_H1]])
    add_link(assessment, "O10", site.route("/o10.xlsx", Reply(sheet, content_type=XLSX_TYPE)))
    checks = _item_checks(assessment, "O10")
    assert checks["format"][0] == "pass"
    assert checks["period"] == ("pass", "พบข้อมูลครบทุกเดือน (" + ", ".join(MONTHS_H1) + ")")
    assert checks["elements"][0] == "pass"


def test_a_criterion_with_none_of_its_elements_fails(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    url = site.route("/o4", page("ติดต่อเรา", "<p>ยินดีต้อนรับ</p>" * 5))
    outcome = check_url(assessment, "O4", url)
    assert outcome.criteria["O4.1"].status == "fail"
    assert "“ที่อยู่”" in outcome.criteria["O4.1"].reason
    assert next(c for c in outcome.checks if c.name == "elements").status == "fail"


def test_a_file_the_checker_cannot_read_only_warns(
    assessment: Any, unit_on_site: Any, site: LocalSite
) -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("readme.txt", "ไฟล์บีบอัด")
    url = site.route("/files.zip", Reply(packed.getvalue(), content_type="application/zip"))
    reachable = check_url(assessment, "O1", url).documents[0][1][0]
    assert reachable.status == "warn" and "อ่านเนื้อหาไม่ได้" in reachable.reason


def test_a_social_media_page_warns() -> None:
    ctx = ItemContext(
        code="O5",
        precheck=Precheck(),
        criteria=(),
        period=None,
        unit_website="https://www.kalasinimmigration.example.go.th/",
    )
    url = "https://www.facebook.com/kalasinimmigration.example"
    doc = Document(
        url=url,
        fetched=Fetched(url=url, final_url=url, status=200),
        extracted=Extracted(kind="html"),
    )
    check = check_on_unit_site(doc, ctx)
    assert check.status == "warn" and "facebook.com" in check.reason

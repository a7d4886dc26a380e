"""In a browser: an editor adds a link to a monthly report whose page lacks March, checks it,
sees the warning naming the month on the item, fixes the page, checks again and sees it pass."""

from __future__ import annotations

from typing import Any

import pytest

from ..conftest import OUTPUT_DIR, Personas
from .helpers import DOCX_TYPE, MONTHS_H1, PDF_TYPE, add_link, docx, monthly_report, thai_pdf
from .server import LocalSite, Reply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_sees_the_missing_month_fixes_it_and_the_item_passes(
    page: Any,
    live_server: Any,
    log_in: Any,
    people: Personas,
    assessment: Any,
    unit_on_site: Any,
    site: LocalSite,
) -> None:
    report = site.route("/reports/monthly-2567", monthly_report(MONTHS_H1[:5]))
    word = site.route(
        "/reports/monthly-2567.docx",
        Reply(
            docx(["รายงานผลการปฏิบัติราชการประจำเดือน"], heading="รายงานประจำเดือน"),
            content_type=DOCX_TYPE,
        ),
    )
    pdf = site.route(
        "/reports/monthly-2567.pdf",
        Reply(thai_pdf("รายงานผลการปฏิบัติราชการประจำเดือน", "ฉบับ PDF"), content_type=PDF_TYPE),
    )
    add_link(assessment, "O6", word, title="รายงานประจำเดือน (Word)")
    add_link(assessment, "O6", pdf, title="รายงานประจำเดือน (PDF)")
    item = f"{live_server.url}/u/kalasin-immigration/2567/oit/items/O6/"
    OUTPUT_DIR.mkdir(exist_ok=True)

    log_in("editor")
    page.goto(item)
    page.get_by_test_id("add-link").click()
    page.fill("#id_title", "รายงานผลการปฏิบัติราชการประจำเดือน")
    page.fill("#id_url", report)
    page.get_by_test_id("save-evidence").click()
    page.wait_for_url(item)
    page.get_by_test_id("precheck-run").click()
    page.wait_for_url(item)

    panel = page.get_by_test_id("precheck-panel")
    assert panel.get_attribute("data-status") == "warn"
    assert "ไม่พบข้อมูลเดือน มีนาคม 2567" in page.get_by_test_id("precheck-reasons").inner_text()
    page.screenshot(path=str(OUTPUT_DIR / "precheck-missing-month.png"), full_page=True)

    site.route("/reports/monthly-2567", monthly_report(MONTHS_H1))  # the unit fixes its page
    page.get_by_test_id("precheck-run").click()
    page.wait_for_url(item)
    assert page.get_by_test_id("precheck-panel").get_attribute("data-status") == "pass"
    assert "ตรวจล่วงหน้า: ผ่าน" in page.get_by_test_id("precheck-status").inner_text()
    assert page.get_by_test_id("precheck-reasons").count() == 0
    page.screenshot(path=str(OUTPUT_DIR / "precheck-fixed.png"), full_page=True)

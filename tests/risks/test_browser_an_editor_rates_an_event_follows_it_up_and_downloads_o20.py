"""In a browser: an editor adds a risk event to a process, sets its likelihood and impact and
sees it placed on the heat map; adds a treatment, records its 6-month follow-up with a residual
rating (the "after" map moves it) and a photo, and downloads the O20 document, which holds it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..conftest import OUTPUT_DIR
from ..measures.helpers import png_bytes
from .helpers import open_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVENT = "เจ้าหน้าที่รับเงินเพื่อไม่บันทึกการอยู่เกินกำหนด"
MEASURE = "ตรวจสอบข้อมูลการอยู่เกินกำหนดกับระบบทุกสัปดาห์"
DONE = "ตรวจสอบข้อมูลกับระบบครบทุกสัปดาห์ตั้งแต่เดือนมกราคม"


def _cell(page: Any, which: str, likelihood: int, impact: int) -> Any:
    grid = page.get_by_test_id(f"heatmap-{which}")
    return grid.locator(f"td[data-l='{likelihood}'][data-i='{impact}']")


def test_the_editor_rates_follows_up_and_downloads_the_o20_report(
    page: Any, live_server: Any, log_in: Any, assessment: Any, people: Any, tmp_path: Path
) -> None:
    open_register(assessment)
    base = f"{live_server.url}/u/{assessment.unit.slug}/{assessment.year}"
    log_in("editor")
    page.goto(f"{base}/plan/")
    page.get_by_role("link", name="ความเสี่ยงการรับสินบน").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("events-total").inner_text() == "4"
    assert "2.3" not in _cell(page, "before", 4, 4).inner_text()

    page.get_by_role("link", name="เพิ่มเหตุการณ์ความเสี่ยง").nth(1).click()
    page.wait_for_load_state()
    form = page.get_by_test_id("risk-form")
    form.locator("#id_description").fill(EVENT)
    form.locator("#id_risk_type").select_option("bribes")
    form.locator("#id_likelihood").select_option("4")
    form.locator("#id_impact").select_option("4")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "สูงมาก" in page.get_by_test_id("event-level").inner_text()  # 4 × 4 = 16

    page.goto(f"{base}/risks/")
    assert page.get_by_test_id("events-total").inner_text() == "5"
    assert "2.3" in _cell(page, "before", 4, 4).inner_text()
    assert "2.3" in _cell(page, "after", 4, 4).inner_text()
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "risks-heat-map-new-event.png"), full_page=True)

    page.get_by_role("link", name=EVENT).click()
    page.wait_for_load_state()
    page.get_by_role("link", name="เพิ่มมาตรการ").click()
    page.wait_for_load_state()
    form = page.get_by_test_id("risk-form")
    form.locator("#id_measure").fill(MEASURE)
    form.locator("#id_owner_position").fill("หัวหน้างานสืบสวนปราบปราม")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_test_id("treatment-link").first.click()
    page.wait_for_load_state()

    photo = tmp_path / "check.png"
    photo.write_bytes(png_bytes((320, 240), "teal"))
    form = page.get_by_test_id("followup-form")
    form.locator("#id_round").select_option("6")
    form.locator("#id_date").fill("2024-03-20")
    form.locator("#id_done").fill(DONE)
    form.locator("#id_status").select_option("in_progress")
    form.locator("#id_residual_likelihood").select_option("1")
    form.locator("#id_residual_impact").select_option("4")
    form.locator("#id_photos").set_input_files(str(photo))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("followups").get_by_text(DONE).count() == 1

    page.goto(f"{base}/risks/")
    assert "2.3" in _cell(page, "before", 4, 4).inner_text()
    assert "2.3" not in _cell(page, "after", 4, 4).inner_text()
    assert "2.3" in _cell(page, "after", 1, 4).inner_text()
    page.screenshot(path=str(OUTPUT_DIR / "risks-heat-map-after-follow-up.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_test_id("o20-6-pdf").click()
    download = info.value
    assert download.suggested_filename == "risk-results-kalasin-immigration-2567-6m.pdf"
    pdf = tmp_path / "o20.pdf"
    download.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "".join(DONE.split()) in flat
    assert "".join(EVENT.split()) in flat

"""In a browser: an editor records progress with a photo on an overdue row; the row leaves the
overdue list, and the report downloaded from the report tab contains the update."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from ..conftest import OUTPUT_DIR
from .helpers import make_row, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPDATE_TEXT = "ติดตั้งป้ายประชาสัมพันธ์จุดบริการ One Stop Service ใหม่แล้ว"


def test_progress_with_a_photo_clears_the_overdue_row_and_appears_in_the_report(
    page: Any, live_server: Any, log_in: Any, assessment: Any, people: Any, tmp_path: Path
) -> None:
    row = make_row(
        assessment,
        activity="ปรับปรุงป้ายประชาสัมพันธ์จุดบริการ",
        cadence="monthly",
        status="in_progress",
        responsible_users=[people.editor],
    )
    base = f"{live_server.url}/u/{assessment.unit.slug}/{assessment.year}"
    log_in("editor")

    page.goto(f"{base}/plan/")
    overdue = page.get_by_test_id("overdue-list")
    assert overdue.get_by_text("ปรับปรุงป้ายประชาสัมพันธ์จุดบริการ").count() == 1
    assert page.get_by_test_id("overdue-count").inner_text() == "1"

    overdue.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.get_by_test_id("row-overdue").count() == 1
    photo = tmp_path / "signboard.png"
    photo.write_bytes(png_bytes((320, 240), "teal"))
    form = page.get_by_test_id("progress-form")
    form.locator("#id_date").fill("2024-09-15")
    form.locator("#id_text").fill(UPDATE_TEXT)
    form.locator("#id_status").select_option("in_progress")
    form.locator("#id_photos").set_input_files(str(photo))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    updates = page.get_by_test_id("updates")
    assert updates.get_by_text(UPDATE_TEXT).count() == 1
    assert updates.locator("img.thumb").count() == 1
    assert page.get_by_test_id("row-overdue").count() == 0
    # The thumbnail is served (an access-checked view, not a public media URL).
    src = updates.locator("img.thumb").first.get_attribute("src")
    assert page.request.get(live_server.url + src).headers["content-type"] == "image/png"

    page.goto(f"{base}/plan/")
    assert page.get_by_test_id("overdue-none").count() == 1
    assert page.get_by_test_id("overdue-count").inner_text() == "0"
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "measures-plan-after-update.png"), full_page=True)

    page.get_by_role("link", name="รายงาน", exact=True).first.click()
    page.wait_for_load_state()
    download_form = page.get_by_test_id("report-download")
    download_form.locator("#id_round").select_option("12")
    download_form.locator("#id_format").select_option("docx")
    with page.expect_download() as info:
        download_form.locator("button[type=submit]").click()
    download = info.value
    assert download.suggested_filename == "ita-report-kalasin-immigration-2567-r12.docx"
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "ผลการดำเนินการ")
    results = [r.cells[-1].text for r in table.rows[1:]]
    assert any(UPDATE_TEXT in text and "(ภาพ 1)" in text for text in results), results
    assert row.activity in [r.cells[3].text for r in table.rows[1:]]

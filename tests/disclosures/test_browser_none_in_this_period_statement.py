"""In a browser: on the provisional 2569 framework, the editor states “no complaints” for the
previous fiscal year, submits the item, and the public page shows the statement as a sentence."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.assessments.services import assessment_open

from ..conftest import OUTPUT_DIR, Personas, Tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_states_no_complaints_and_the_public_sees_it(
    page: Any, live_server: Any, log_in: Any, people: Personas, tree: Tree, general_2569: Any
) -> None:
    assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2569)
    base = live_server.url
    item = f"{base}/u/kalasin-immigration/2569/oit/items/O18/"
    OUTPUT_DIR.mkdir(exist_ok=True)

    log_in("editor")
    page.goto(item)
    assert page.get_by_test_id("provisional-notice").is_visible()
    period = page.get_by_test_id("item-period").first.inner_text()
    assert "1 ตุลาคม 2567 – 30 กันยายน 2568" in period
    page.get_by_test_id("add-statement").click()
    assert "ไม่มีเรื่องร้องเรียน" in page.get_by_test_id("statement-explained").inner_text()
    page.get_by_test_id("save-evidence").click()
    page.wait_for_url(item)
    sentence = page.get_by_test_id("statement-sentence").inner_text()
    assert "30 กันยายน 2568" in sentence and "ไม่มีเรื่องร้องเรียน" in sentence
    page.get_by_test_id("submit").click()
    page.wait_for_url(item)
    assert page.get_by_test_id("item-state").get_attribute("data-state") == "submitted"
    page.screenshot(path=str(OUTPUT_DIR / "oit-statement-item.png"), full_page=True)

    page.context.clear_cookies()
    page.goto(f"{base}/p/kalasin-immigration/2569/oit/O18/")
    public = page.get_by_test_id("public-evidence").inner_text()
    assert "ตั้งแต่วันที่ 1 ตุลาคม 2567 ถึงวันที่ 30 กันยายน 2568" in public
    assert "ยืนยันโดย" in public
    page.screenshot(path=str(OUTPUT_DIR / "oit-statement-public.png"), full_page=True)

"""In a browser: an editor opens the unit's open-data tab, enters December's statistics for the
unit's series, publishes the month, and the public O10 page (no log-in) lists December 2566 with
its PDF and machine-readable files."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.records.models import StatSeries, StatValue
from prongsai.records.services import stat_series_save

from ..conftest import OUTPUT_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_enters_and_publishes_a_month(
    page: Any, live_server: Any, log_in: Any, assessment: Any, people: Any, browser: Any
) -> None:
    for name in ("การจับกุม", "การรับแจ้งที่พัก 90 วัน"):
        stat_series_save(actor="tests", unit=assessment.unit, year=2567, name=name, measure="ราย")
    base = f"{live_server.url}/u/{assessment.unit.slug}/2567"
    log_in("editor")
    page.goto(f"{base}/")
    page.get_by_role("link", name="ข้อมูลเปิด").first.click()
    page.wait_for_load_state()
    page.get_by_test_id("calendar-statistics").get_by_role("link", name="ธันวาคม 2566").click()
    page.wait_for_load_state()
    form = page.get_by_test_id("month-form")
    arrests = StatSeries.objects.get(name="การจับกุม")
    notices = StatSeries.objects.get(name="การรับแจ้งที่พัก 90 วัน")
    form.locator(f"#id_s-{arrests.pk}").fill("14")
    form.locator(f"#id_s-{notices.pk}").fill("201")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert StatValue.objects.get(series=arrests, month="2566-12").value == 14

    page.get_by_test_id("publish-button").click()
    page.wait_for_load_state()
    published = page.get_by_test_id("publish-statistics-2566-12")
    assert published.get_by_role("link", name="PDF").count() == 1
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "records-statistics-published.png"), full_page=True)

    visitor = browser.new_page()
    try:
        visitor.goto(f"{live_server.url}/p/{assessment.unit.slug}/2567/oit/O10/")
        text = visitor.locator("main").inner_text()
        assert "ธันวาคม 2566" in text or "December 2023" in text, text[:2000]
        pdf = visitor.locator('a[href$="/data/statistics/2566-12.pdf"]')
        assert pdf.count() >= 1
        csv = visitor.request.get(
            f"{live_server.url}/p/{assessment.unit.slug}/2567/data/statistics/2566-12.csv"
        )
        assert csv.status == 200 and "201.00" in csv.text()
    finally:
        visitor.close()

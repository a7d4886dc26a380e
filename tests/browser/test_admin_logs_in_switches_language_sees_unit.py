"""A unit admin logs in, switches the interface to English and back, and sees the unit page."""

from __future__ import annotations

from typing import Any

import pytest

from ..conftest import OUTPUT_DIR, Personas, Tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_logs_in_switches_language_and_sees_the_unit(
    page: Any, live_server: Any, log_in: Any, tree: Tree, people: Personas, assessment: Any
) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "th"
    log_in("admin")
    assert page.locator(".site-header").get_by_text("ทดสอบ").count() >= 1  # the user's name

    page.goto(f"{live_server.url}/u/{tree.unit.slug}/")
    assert page.locator("h1").inner_text() == "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์"
    assert page.get_by_role("link", name="สมาชิก").count() >= 1  # Thai UI

    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Members").count() >= 1

    page.get_by_role("link", name="FY 2567").first.click()
    page.wait_for_load_state()
    assert "ITA dashboard" in page.locator("h1").inner_text()
    assert page.get_by_test_id("iit-count").inner_text().startswith("0")

    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "unit-dashboard-en.png"), full_page=True)

    page.get_by_role("button", name="TH").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "th"

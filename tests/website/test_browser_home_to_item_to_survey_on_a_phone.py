"""On a phone (390×844): the public home → an OIT item → the EIT survey."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from prongsai.surveys.models import Campaign

from ..conftest import OUTPUT_DIR, Tree
from ..surveys.conftest import open_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="th-TH", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_home_to_an_oit_item_to_the_eit_survey(
    phone: Any, live_server: Any, tree: Tree, assessment: Any, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    phone.goto(f"{live_server.url}/p/{tree.unit.slug}/")
    assert phone.locator("h1").inner_text() == "ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.locator("[data-testid=eit-open] img.qr").is_visible()
    phone.locator(".oit-links a", has_text="O1").first.click()
    phone.wait_for_load_state()
    assert "/2567/oit/O1/" in phone.url
    assert "O1" in phone.locator("h1").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.go_back()
    phone.locator("[data-testid=eit-open] a.btn").click()
    phone.wait_for_load_state()
    assert phone.url.endswith(f"/s/{tree.unit.slug}/2567/eit/")
    assert "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก" in phone.locator("h1").inner_text()
    OUTPUT_DIR.mkdir(exist_ok=True)
    phone.screenshot(path=str(OUTPUT_DIR / "website-phone-survey.png"))

"""A service user answers the EIT on a phone-sized screen, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from prongsai.surveys.answers import layout_for
from prongsai.surveys.models import Campaign, Response

from ..conftest import OUTPUT_DIR
from .conftest import eit_url, open_campaign

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


@pytest.fixture
def phone_without_js(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="th-TH", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _answer_everything(page: Any, campaign: Campaign) -> None:
    """Tap the best answer of every question, as a satisfied service user would."""
    layout = layout_for(campaign.assessment.framework.spec, "EIT")
    for pq in layout.profile:
        if pq.required is not False:
            page.locator(f'label[for="p_{pq.id}-{pq.options[0].value}"]').click()
    for key, question in layout.question_of_key.items():
        scale = layout.scale(question)
        best = max(scale.levels, key=lambda lv: scale.score(lv.value, reverse=question.reverse))
        page.locator(f'label[for="a_{key}-{best.value}"]').click()


def test_eit_on_a_phone(phone: Any, live_server: Any, assessment: Any, settings: Any) -> None:
    settings.SURVEY_POW_BITS = 14  # the static script really has to work for it
    eit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    phone.goto(live_server.url + eit_url(eit))
    assert phone.locator("html").get_attribute("lang") == "th"
    assert "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก" in phone.locator("h1").inner_text()
    # Mobile first: nothing wider than the screen, touch targets at least 44 px high.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.locator("label.opt").first.bounding_box()["height"] >= 44
    # With JavaScript the anti-spam sum is not asked: the browser does a proof of work.
    assert not phone.locator("#id_sum").is_visible()
    progress = phone.locator("#survey-progress-text")
    assert "0" in progress.inner_text()

    # Keyboard: the first choice can be reached and chosen without a mouse.
    phone.locator('input[name="p_p1"]').first.focus()
    phone.keyboard.press("Space")
    assert phone.locator('input[name="p_p1"]').first.is_checked()

    _answer_everything(phone, eit)
    assert progress.inner_text() == "ตอบแล้ว 15 จาก 15 ข้อ"
    OUTPUT_DIR.mkdir(exist_ok=True)
    phone.screenshot(path=str(OUTPUT_DIR / "eit-phone-form.png"), full_page=False)

    phone.get_by_role("button", name="ส่งคำตอบ").click()
    phone.get_by_test_id("thanks").wait_for()
    assert "ระบบได้บันทึกคำตอบของท่านแล้ว" in phone.locator("h1").inner_text()
    phone.screenshot(path=str(OUTPUT_DIR / "eit-phone-thanks.png"))
    stored = Response.objects.get(campaign=eit)
    assert stored.answers["e1"] == 4 and stored.answers["e4"] == 0  # "ไม่มี" on the bribe question

    # The same phone again: a polite message, not a second form.
    phone.goto(live_server.url + eit_url(eit))
    assert "อุปกรณ์นี้ได้ตอบแบบวัดแล้ว" in phone.locator("h1").inner_text()
    assert Response.objects.count() == 1


def test_eit_without_javascript(
    phone_without_js: Any, live_server: Any, assessment: Any, settings: Any
) -> None:
    settings.SURVEY_MIN_SECONDS_WITHOUT_JS = 0
    page = phone_without_js
    eit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="EIT"))
    page.goto(live_server.url + eit_url(eit))
    _answer_everything(page, eit)
    label = page.locator('label[for="id_sum"]').inner_text()  # "… 3 + 5 เท่ากับเท่าใด"
    a, b = (int(n) for n in label.split(":")[1].split("เท่ากับ")[0].split("+"))
    page.fill("#id_sum", str(a + b))
    page.get_by_role("button", name="ส่งคำตอบ").click()
    page.get_by_test_id("thanks").wait_for()
    assert Response.objects.filter(campaign=eit).count() == 1

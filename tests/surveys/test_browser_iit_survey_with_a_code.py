"""The unit admin opens the IIT, prints code slips; a staff member answers with a code on a phone."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from prongsai.surveys.answers import layout_for
from prongsai.surveys.models import AccessCode, Campaign

from ..conftest import OUTPUT_DIR
from .conftest import iit_received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_prints_codes_and_staff_answer_with_one(
    page: Any, browser: Any, live_server: Any, log_in: Any, people: Any, assessment: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    log_in("admin")
    page.goto(f"{live_server.url}/u/kalasin-immigration/2567/surveys/")
    iit = page.get_by_test_id("campaign-iit")
    iit.get_by_role("button", name="เปิดรับคำตอบทันที").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("state-iit").inner_text() == "เปิดรับคำตอบ"
    page.get_by_test_id("campaign-iit").get_by_label("จำนวนรหัส").fill("3")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="สร้างรหัสและดาวน์โหลดใบรหัส (PDF)").click()
    pdf = tmp_path / "slips.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    codes = re.findall(r"\b([A-Z0-9]{5}-[A-Z0-9]{5})\b", text)
    assert len(set(codes)) == 3 and AccessCode.objects.count() == 3

    # A staff member scans the slip's QR code: the link carries the code after "#".
    context = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    code = codes[0].replace("-", "")
    phone.goto(f"{live_server.url}/s/kalasin-immigration/2567/iit/#code={code}")
    assert phone.locator("#id_code").input_value() == code  # moved into the form by the script
    assert "#" not in phone.url  # and removed from the address bar
    phone.get_by_role("button", name="เริ่มตอบแบบวัด").click()
    phone.wait_for_load_state()

    campaign = Campaign.objects.get(assessment=assessment, instrument="IIT")
    layout = layout_for(campaign.assessment.framework.spec, "IIT")
    for key, question in layout.question_of_key.items():
        scale = layout.scale(question)
        best = max(scale.levels, key=lambda lv: scale.score(lv.value, reverse=question.reverse))
        phone.locator(f'label[for="a_{key}-{best.value}"]').click()
    assert phone.locator("#survey-progress-text").inner_text() == "ตอบแล้ว 30 จาก 30 ข้อ"
    phone.get_by_role("button", name="ส่งคำตอบ").click()
    phone.get_by_test_id("thanks").wait_for()
    OUTPUT_DIR.mkdir(exist_ok=True)
    phone.screenshot(path=str(OUTPUT_DIR / "iit-phone-thanks.png"))
    assert iit_received(campaign) == 1  # in the ballot box until enough others have answered
    assert AccessCode.objects.count() == 2

    # The same code again is refused.
    phone.goto(f"{live_server.url}/s/kalasin-immigration/2567/iit/")
    phone.fill("#id_code", codes[0])
    phone.get_by_role("button", name="เริ่มตอบแบบวัด").click()
    assert "ถูกใช้ไปแล้ว" in phone.locator("#code-error").inner_text()
    context.close()

    # The admin sees the count on the survey page.
    page.goto(f"{live_server.url}/u/kalasin-immigration/2567/surveys/")
    assert page.get_by_test_id("iit-progress").inner_text().startswith("1")

"""In a browser: an anonymous complainant on a phone-sized screen reports with a picture
attached, keeps the receipt code; the handler acknowledges and asks a question; the complainant
answers with the code; the handler concludes and closes; the tracking page shows the closure and
the public O16 statistics count the case (the month reaches the threshold)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from prongsai.complaints.models import Complaint

from ..conftest import OUTPUT_DIR, Personas, Tree
from .helpers import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _picture(path: Any) -> Any:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_one_complaint_from_intake_to_closure(
    browser: Any,
    page: Any,
    live_server: Any,
    log_in: Any,
    people: Personas,
    tree: Tree,
    tmp_path: Any,
) -> None:
    for _ in range(4):  # four earlier cases this month: with this one the month shows 5
        make_case(tree.unit)
    base = live_server.url
    slug = tree.unit.slug
    OUTPUT_DIR.mkdir(exist_ok=True)
    phone_context = browser.new_context(
        locale="th-TH", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    phone = phone_context.new_page()
    phone.set_default_timeout(20_000)

    # 1. The complainant reports, anonymously, with a picture.
    phone.goto(f"{base}/p/{slug}/complaints/")
    phone.get_by_role("link", name="ร้องเรียนการทุจริต").first.click()
    phone.wait_for_url(f"{base}/p/{slug}/complaints/new/")
    phone.get_by_label("การเรียกรับสินบน").check()
    phone.fill("#id_details", "เจ้าหน้าที่ขอเงินค่าดำเนินการเพิ่ม 500 บาทโดยไม่มีใบเสร็จ")
    phone.fill("#id_place", "ช่องบริการ 2")
    phone.set_input_files("#id_files", str(_picture(tmp_path / "photo.png")))
    phone.click("#complaint-send")
    phone.get_by_test_id("receipt").wait_for()
    code = phone.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{4}", code), code
    phone.screenshot(path=str(OUTPUT_DIR / "complaint-receipt-phone.png"), full_page=True)
    complaint = Complaint.objects.latest("received_at")
    assert complaint.anonymous and complaint.files.count() == 1

    # 2. The handler acknowledges and asks a question.
    log_in("handler")
    page.goto(f"{base}/u/{slug}/complaints/")
    page.get_by_role("link", name=complaint.reference).click()
    page.get_by_role("button", name="ตอบรับเรื่อง").click()
    assert page.get_by_test_id("case-state").inner_text() == "ตอบรับแล้ว"
    page.fill("#id_body", "กรุณาแจ้งวันและเวลาที่เกิดเหตุ")
    page.get_by_role("button", name="ส่ง", exact=True).click()
    page.get_by_text("กรุณาแจ้งวันและเวลาที่เกิดเหตุ").wait_for()

    # 3. The complainant answers with the receipt code.
    phone.goto(f"{base}/p/{slug}/complaints/track/")
    phone.fill("#id_code", code)
    phone.get_by_role("button", name="เปิดดูเรื่องของฉัน").click()
    phone.wait_for_url(f"{base}/p/{slug}/complaints/track/case/")
    assert phone.get_by_test_id("tracked-state").inner_text() == "ตอบรับแล้ว"
    phone.get_by_text("กรุณาแจ้งวันและเวลาที่เกิดเหตุ").wait_for()
    phone.fill("#id_body", "วันที่ 3 เวลาประมาณ 10 โมง")
    phone.get_by_role("button", name="ส่ง", exact=True).click()
    phone.get_by_text("วันที่ 3 เวลาประมาณ 10 โมง").wait_for()

    # 4. The handler reads the answer, concludes and closes.
    page.reload()
    page.get_by_text("วันที่ 3 เวลาประมาณ 10 โมง").wait_for()
    page.select_option("#id_outcome", "substantiated")
    page.fill("#id_conclusion", "ตรวจสอบแล้วมีมูล ดำเนินการทางวินัย")
    page.get_by_role("button", name="ยุติเรื่อง", exact=True).click()
    assert page.get_by_test_id("case-state").inner_text() == "ได้ข้อยุติ"
    page.get_by_role("button", name="ปิดเรื่อง", exact=True).click()
    assert page.get_by_test_id("case-state").inner_text() == "ปิดเรื่อง"

    # 5. The tracking page shows the closure and the conclusion.
    phone.goto(f"{base}/p/{slug}/complaints/track/case/")
    assert phone.get_by_test_id("tracked-state").inner_text() == "ปิดเรื่อง"
    phone.get_by_text("ตรวจสอบแล้วมีมูล ดำเนินการทางวินัย").wait_for()
    phone.screenshot(path=str(OUTPUT_DIR / "complaint-tracking-closed-phone.png"), full_page=True)

    # 6. The public statistics count it: this month shows 5 received.
    phone.goto(f"{base}/p/{slug}/complaints/statistics/")
    this_month = f"m{(timezone.localdate().month - 10) % 12 + 1}"
    month = phone.locator(f"tr[data-period='{this_month}']")
    assert month.locator("td[data-measure='received']").inner_text() == "5"
    phone.screenshot(path=str(OUTPUT_DIR / "complaint-statistics-phone.png"), full_page=True)
    phone_context.close()

"""In a browser: the editor submits an item, the evaluator returns it with a comment, the editor
fixes it and resubmits, the evaluator reviews round two on an empty form (round one beside it)
and accepts it; the dashboard's OIT figures change. A final fail needs the confirmation box."""

from __future__ import annotations

from typing import Any

import pytest

from ..conftest import OUTPUT_DIR, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "ยังไม่พบกฎหมายว่าด้วยการทำงานของคนต่างด้าว"


def _dashboard(page: Any, base: str) -> tuple[str, str]:
    page.goto(f"{base}/u/kalasin-immigration/2567/")
    return (
        page.get_by_test_id("instrument-OIT").inner_text().strip(),
        page.get_by_test_id("oit-data").inner_text().split()[0],
    )


def _switch(page: Any, log_in: Any, username: str) -> None:
    page.context.clear_cookies()
    log_in(username)


def test_submit_return_fix_accept(
    page: Any, live_server: Any, log_in: Any, people: Personas, assessment: Any
) -> None:
    base = live_server.url
    item = f"{base}/u/kalasin-immigration/2567/oit/items/O3/"
    OUTPUT_DIR.mkdir(exist_ok=True)

    # The editor adds a link and submits.
    log_in("editor")
    assert _dashboard(page, base) == ("–", "0")
    page.goto(item)
    page.get_by_test_id("add-link").click()
    page.fill("#id_title", "พระราชบัญญัติคนเข้าเมือง พ.ศ. 2522")
    page.fill("#id_url", "https://www.krisdika.go.th/immigration-act")
    page.get_by_test_id("save-evidence").click()
    page.wait_for_url(item)
    assert page.get_by_test_id("evidence-1").is_visible()
    page.get_by_test_id("submit").click()
    page.wait_for_url(item)
    assert page.get_by_test_id("add-link").count() == 0  # locked
    assert _dashboard(page, base) == ("–", "1")

    # The evaluator returns it with a comment.
    _switch(page, log_in, "evaluator")
    page.goto(f"{base}/evaluate/")
    page.get_by_test_id("queue-kalasin-immigration-O3").get_by_role("link").click()
    page.check("input[name=c0_result][value=fail]")
    page.fill("#id_c0_comment", COMMENT)
    page.get_by_test_id("criterion-O3.1").locator("details.private-note > summary").click()
    page.fill("#id_c0_private", "ตรวจกับเว็บไซต์จริงแล้ว")
    page.screenshot(path=str(OUTPUT_DIR / "oit-review-return.png"), full_page=True)
    page.get_by_test_id("review-return").click()
    page.wait_for_url(f"{base}/evaluate/")
    assert page.get_by_test_id("waiting-count").inner_text() == "0"

    # The editor sees the comment (not the private note), fixes and resubmits.
    _switch(page, log_in, "editor")
    returned_score = _dashboard(page, base)
    assert returned_score == ("0.00", "1")  # one item assessed, failed
    page.goto(item)
    assert COMMENT in page.get_by_test_id("criterion-review").inner_text()
    assert "ตรวจกับเว็บไซต์จริงแล้ว" not in page.content()
    page.get_by_test_id("add-link").click()
    page.fill("#id_title", "พระราชกำหนดการบริหารจัดการการทำงานของคนต่างด้าว พ.ศ. 2560")
    page.fill("#id_url", "https://www.krisdika.go.th/foreign-workers")
    page.get_by_test_id("save-evidence").click()
    page.wait_for_url(item)
    page.get_by_test_id("submit").click()
    page.wait_for_url(item)
    page.screenshot(path=str(OUTPUT_DIR / "oit-item-resubmitted.png"), full_page=True)

    # The evaluator accepts; there is no second return.
    _switch(page, log_in, "evaluator")
    page.goto(f"{base}/evaluate/")
    page.get_by_test_id("queue-kalasin-immigration-O3").get_by_role("link").click()
    assert page.get_by_test_id("review-return").count() == 0
    # Round two starts empty; round one is shown beside the criterion.
    assert page.locator("input[name=c0_result][value=fail]").is_checked() is False
    assert page.locator("input[name=c0_result][value=pass]").is_checked() is False
    assert page.input_value("#id_c0_comment") == ""
    assert COMMENT in page.get_by_test_id("round-one-O3.1").inner_text()
    page.check("input[name=c0_result][value=pass]")
    page.fill("#id_c0_comment", "ครบถ้วน")
    page.get_by_test_id("review-complete").click()
    page.wait_for_url(f"{base}/evaluate/")

    # The dashboard's OIT figure changed: indicator 9 has 1 of 16 items passed → 6.25;
    # indicator 10 none → 0; OIT is their mean, 3.125, stored rounded to 3.12.
    accepted_score = _dashboard(page, base)
    assert accepted_score != returned_score
    assert accepted_score == ("3.12", "1")
    page.screenshot(path=str(OUTPUT_DIR / "oit-dashboard-after-accept.png"), full_page=True)
    page.goto(item)
    assert page.get_by_test_id("item-state").get_attribute("data-state") == "accepted"


def test_a_final_fail_asks_for_confirmation(
    page: Any, live_server: Any, log_in: Any, people: Personas, assessment: Any
) -> None:
    from prongsai.disclosures import services
    from prongsai.disclosures.models import WorkState

    from .helpers import add_link, review_all, work

    add_link(assessment, "O3")
    services.work_submit(actor="tests", work=work(assessment, "O3"))
    review_all(work(assessment, "O3"), "fail", action="return", comment=COMMENT)
    services.work_submit(actor="tests", work=work(assessment, "O3"))

    log_in("evaluator")
    page.goto(f"{live_server.url}/u/kalasin-immigration/2567/oit/items/O3/review/")
    page.check("input[name=c0_result][value=fail]")
    page.fill("#id_c0_comment", "ยังไม่พบกฎหมายฉบับที่สอง")
    page.get_by_test_id("review-complete").click()
    page.wait_for_load_state()
    assert "ยืนยันผลไม่ผ่านขั้นสุดท้าย" in page.get_by_role("alert").inner_text()
    assert work(assessment, "O3").state == WorkState.RESUBMITTED
    # What was typed is still there; tick the box and complete.
    assert page.locator("input[name=c0_result][value=fail]").is_checked()
    page.get_by_test_id("confirm-fail").locator("input[type=checkbox]").check()
    page.get_by_test_id("review-complete").click()
    page.wait_for_url(f"{live_server.url}/evaluate/")
    assert work(assessment, "O3").state == WorkState.REJECTED

"""In the browser: an evaluator's first log-in asks for an authenticator app (QR code and key),
the code confirms it, the recovery codes are shown once, and the evaluator console opens."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import TOTP

from ..conftest import OUTPUT_DIR, Personas, Tree
from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_evaluator_sets_up_an_authenticator_at_the_first_log_in(
    page: Any, live_server: Any, tree: Tree, people: Personas, assessment: Any
) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next=/evaluate/")
    page.fill("#id_username", "evaluator")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/2fa/setup/" in page.url
    assert page.get_by_test_id("totp-qr").is_visible()
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "second-factor-setup.png"), full_page=True)
    secret = re.sub(r"\s", "", page.get_by_test_id("totp-secret").inner_text())
    totp = TOTP(b32decode(secret))
    totp.time = time.time()
    page.fill("#id_code", f"{totp.token():06d}")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.get_by_test_id("recovery-codes").locator("li").count() == 10
    page.get_by_role("link", name=re.compile("ดำเนินการต่อ")).click()
    page.wait_for_load_state()
    assert page.url.endswith("/evaluate/")

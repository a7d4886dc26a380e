"""In a browser: an editor makes a read token on the account's API tokens page (reached from
Log-in security), copies it once, and uses it in the interactive docs (Swagger UI from local
assets), which run under the product's CSP without one violation; a call from the docs returns
the unit's OIT items."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ..conftest import OUTPUT_DIR, Personas, Tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_token_from_the_settings_page_works_in_the_docs(
    page: Any, live_server: Any, log_in: Any, tree: Tree, people: Personas, assessment: Any
) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
    page.on(
        "response",
        lambda r: problems.append(f"failed {r.status} {r.url}") if r.status >= 400 else None,
    )
    log_in("editor")
    page.goto(f"{live_server.url}/accounts/security/")
    page.get_by_role("link", name="จัดการโทเคน API ของท่าน").click()
    page.get_by_label("ชื่อ").fill("แดชบอร์ด")
    page.get_by_role("button", name="สร้างโทเคน").click()
    plain = page.get_by_test_id("new-token").locator("code").inner_text()
    assert re.fullmatch(r"pgs_[A-Za-z0-9_-]{43}", plain)
    page.reload()
    assert plain not in page.content()  # shown once

    # Only the docs page's own loads count: leaving the settings page may abort its last
    # requests (an image still loading), which is the browser's doing, not a failure.
    problems.clear()
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Prongsai API" in page.locator(".swagger-ui .info .title").inner_text()
    page.get_by_role("button", name="Authorize").first.click()
    page.locator(".modal-ux input").first.fill(plain)
    page.locator(".modal-ux button.modal-btn.authorize").click()
    page.locator(".modal-ux button.btn-done").click()
    operation = page.locator("#operations-oit-prongsai_api_endpoints_oit_oit_items")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.locator("input[placeholder='slug']").fill(tree.unit.slug)
    operation.locator("input[placeholder='year']").fill("2567")
    operation.get_by_role("button", name="Execute").click()
    operation.locator(".live-responses-table tbody .response-col_status").first.wait_for()
    assert (
        operation.locator(".live-responses-table tbody .response-col_status")
        .first.inner_text()
        .strip()
        == "200"
    )
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "api-docs.png"), full_page=False)
    assert not [p for p in problems if "Content Security Policy" in p or "failed" in p], problems

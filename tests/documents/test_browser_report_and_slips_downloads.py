"""As a user in Chromium: the report's download button lands on a page that shows the file being
prepared (the database queue, no worker yet), refreshes itself, and starts the download once the
worker has rendered it; the admin's code slips download once, then the codes are gone."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from prongsai.documents.models import GeneratedDocument
from prongsai.surveys.models import CodeBatch

from ..conftest import OUTPUT_DIR
from ..reports.helpers import load_seed_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_is_prepared_in_the_background_then_downloads(
    page: Any, live_server: Any, log_in: Any, people: Any, assessment: Any, settings: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    load_seed_plan(assessment, people)
    log_in("viewer")
    page.goto(f"{live_server.url}/u/kalasin-immigration/2567/report/")
    form = page.get_by_test_id("report-download")
    form.locator("#id_round").select_option("6")
    form.locator("#id_format").select_option("pdf")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    progress = page.get_by_test_id("document-progress")
    assert "รอคิว" in progress.inner_text() or "คิว" in progress.inner_text()
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "document-queued.png"), full_page=True)

    # The worker picks the job up; the page, refreshing itself, starts the download.
    with page.expect_download(timeout=60_000) as info:
        call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
    download = info.value
    assert download.suggested_filename == "ita-report-kalasin-immigration-2567-r6.pdf"
    path = tmp_path / "report.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    page.get_by_test_id("document-ready").wait_for()
    page.screenshot(path=str(OUTPUT_DIR / "document-ready.png"), full_page=True)
    document = GeneratedDocument.objects.get()
    assert document.status == "ready" and document.requested_by == people.viewer
    # The report tab lists the file.
    page.goto(f"{live_server.url}/u/kalasin-immigration/2567/report/")
    assert document.title in page.get_by_test_id("documents").inner_text()
    page.screenshot(path=str(OUTPUT_DIR / "report-tab.png"), full_page=True)


def test_code_slips_download_once_then_the_codes_are_destroyed(
    page: Any, live_server: Any, log_in: Any, people: Any, assessment: Any, tmp_path: Path
) -> None:
    log_in("admin")
    page.goto(f"{live_server.url}/u/kalasin-immigration/2567/surveys/")
    page.get_by_test_id("campaign-iit").get_by_label("จำนวนรหัส").fill("5")
    with page.expect_download() as info:
        page.get_by_role("button", name="สร้างรหัสและดาวน์โหลดใบรหัส (PDF)").click()
    pdf = tmp_path / "slips.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert len(set(re.findall(r"\b([A-Z0-9]{5}-[A-Z0-9]{5})\b", text))) == 5
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.reload()  # the page as it is after the one download
    page.get_by_test_id("document-delivered").wait_for()
    page.screenshot(path=str(OUTPUT_DIR / "slips-delivered.png"), full_page=True)
    assert CodeBatch.objects.get().sealed_codes is None
    page.goto(f"{live_server.url}/u/kalasin-immigration/2567/surveys/")
    assert page.get_by_test_id("batch-slips").count() == 0
    assert "ดาวน์โหลดใบรหัสแล้ว" in page.get_by_test_id("campaign-iit").inner_text()
    page.get_by_test_id("campaign-iit").screenshot(path=str(OUTPUT_DIR / "slips-batches.png"))

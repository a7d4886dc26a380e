"""In a browser: an editor uploads a plan worded the unit's own way; the preview shows the file's
columns, the one it cannot place (a budget column) is kept as a note, the rows are imported, and
the next upload of the same layout needs no choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from prongsai.measures.models import PlanRow

from .other_units_plan import other_units_plan_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_unknown_column_is_chosen_once_and_remembered(
    page: Any, live_server: Any, log_in: Any, assessment: Any, people: Any, tmp_path: Path
) -> None:
    plan = tmp_path / "แผนของหน่วยงาน.docx"
    plan.write_bytes(other_units_plan_docx())
    url = f"{live_server.url}/u/{assessment.unit.slug}/{assessment.year}/plan/import/"
    log_in("editor")

    page.goto(url)
    page.locator("#id_file").set_input_files(str(plan))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("import-needs-mapping").count() == 1
    mapping = page.get_by_test_id("column-mapping")
    assert mapping.locator("details[open]").count() == 1
    budget = mapping.get_by_label("งบประมาณ (บาท)")
    budget.select_option("+note")
    mapping.locator("button[name=map]").click()
    page.wait_for_load_state()

    assert page.get_by_test_id("import-preview").locator("tbody tr").count() == 3
    page.locator("button[name=confirm]").click()
    page.wait_for_load_state()
    assert PlanRow.objects.filter(assessment=assessment).count() == 3
    assert PlanRow.objects.filter(notes="งบประมาณ (บาท): ๑๒,๕๐๐").count() == 1

    page.goto(url)
    page.locator("#id_file").set_input_files(str(plan))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("import-needs-mapping").count() == 0
    assert page.locator("button[name=confirm]").count() == 1

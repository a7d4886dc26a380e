"""In a browser: a bureau viewer opens the overview from the bureau's page, filters it to
"IIT below target", opens one of those units' items from the heat map and exports the XLSX."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ..conftest import OUTPUT_DIR
from .conftest import Bureau

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_bureau_viewer_filters_opens_a_unit_from_the_heat_map_and_exports(
    page: Any, live_server: Any, log_in: Any, bureau: Bureau
) -> None:
    tree = bureau.tree
    log_in("viewer")
    page.goto(f"{live_server.url}/u/{tree.bureau.slug}/")
    page.get_by_test_id("rollup-link").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("overview-table").is_visible()
    assert page.get_by_test_id(f"row-{tree.unit.slug}").is_visible()

    filters = page.get_by_test_id("overview-filters")
    filters.locator("#id_behind").select_option("iit")
    filters.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id(f"row-{tree.sibling.slug}").is_visible()
    assert page.get_by_test_id(f"row-{tree.unit.slug}").count() == 0
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT_DIR / "rollup-overview-iit-below-target.png"), full_page=True)

    # The heat map keeps the filter; one cell opens the unit's item.
    page.get_by_test_id("tab-heatmap").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("legend").is_visible()
    page.screenshot(path=str(OUTPUT_DIR / "rollup-heatmap.png"), full_page=True)
    page.get_by_test_id(f"cell-{tree.sibling.slug}-O1").click()
    page.wait_for_load_state()
    assert f"/u/{tree.sibling.slug}/2567/oit/items/O1/" in page.url
    assert page.locator("h1").first.inner_text()

    page.go_back()
    page.go_back()
    page.wait_for_load_state()
    with page.expect_download() as info:
        page.get_by_test_id("export-xlsx").click()
    download = info.value
    assert download.suggested_filename == f"overview-{tree.bureau.slug}-2567.xlsx"
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    slugs = [row[1] for row in book["ภาพรวม"].iter_rows(min_row=2, values_only=True)][:-1]
    assert slugs == [tree.sibling.slug]  # the export follows the filter

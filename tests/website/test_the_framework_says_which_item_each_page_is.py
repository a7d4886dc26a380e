"""Which OIT item each website page is evidence of is framework data (``website_pages`` on each
item of the framework file), not code: the shipped 2567 police and 2569 general frameworks map
their own items, a new year's file with other codes maps those, and the XLSX round trip keeps it."""

from __future__ import annotations

import copy
from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.frameworks.loader import definition_checksum
from prongsai.frameworks.models import Framework
from prongsai.frameworks.xlsx import definition_to_xlsx, xlsx_to_definition
from prongsai.website.items import item_code_for

from ..conftest import police_definition

PAGES = ["structure", "authority", "laws", "contact", "performance", "ita", "anti-corruption",
         "no-gift", "ethics"]  # fmt: skip


def _codes(framework: Framework) -> dict[str, str | None]:
    assessment = Assessment(framework=framework)
    return {page: item_code_for(assessment, page) for page in PAGES}


def test_the_2567_police_and_2569_general_frameworks_map_their_items(
    framework: Any, general_2569: Any
) -> None:
    assert _codes(framework) == {
        "structure": "O1", "authority": "O2", "laws": "O3", "contact": "O4",
        "performance": "O5", "ita": "O5", "anti-corruption": "O18", "no-gift": "O17",
        "ethics": "O21",
    }  # fmt: skip
    assert _codes(general_2569) == {
        "structure": "O1", "authority": "O1", "laws": None, "contact": "O3",
        "performance": "O4", "ita": "O4", "anti-corruption": "O19", "no-gift": "O20",
        "ethics": "O15",
    }  # fmt: skip


def test_a_new_years_file_maps_its_own_codes() -> None:
    data = copy.deepcopy(police_definition())
    for item in data["items"]:
        item.pop("website_pages", None)
        if item["id"] == "O7":
            item["website_pages"] = ["structure", "no-gift"]
    next_year = Framework(definition=data, checksum=definition_checksum(data))
    codes = _codes(next_year)
    assert codes["structure"] == "O7" and codes["no-gift"] == "O7"
    assert codes["authority"] is None  # no item names it: the page is not attached


def test_the_workbook_keeps_the_website_pages() -> None:
    data = police_definition()
    back, problems = xlsx_to_definition(definition_to_xlsx(copy.deepcopy(data)))
    assert not problems and back is not None
    assert {i["id"]: i.get("website_pages") for i in back["items"] if i.get("website_pages")} == {
        i["id"]: i["website_pages"] for i in data["items"] if i.get("website_pages")
    }

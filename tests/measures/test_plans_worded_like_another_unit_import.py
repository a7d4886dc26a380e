"""A plan whose headers are worded the unit's own way imports: headers are matched by their
normalised text, synonyms and similarity; a column that matches nothing (or two fields almost
equally) is put to the user on the preview page, where an extra column can be kept as a note or
ignored; the choice is remembered for the unit, so its next file of the same layout maps itself.
OIT items written as ranges ("O1 ถึง O16", "O12–O13", "O17-O18") are ranges."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.measures.importing import parse_plan_file, plan_import
from prongsai.measures.models import PlanRow
from prongsai.spreadsheets.headers import IGNORE, NOTE
from prongsai.spreadsheets.models import ColumnMapping

from .other_units_plan import HEADERS, other_units_plan_docx

pytestmark = pytest.mark.usefixtures("english")
BUDGET = "งบประมาณบาท"  # the budget header, normalised


def test_reworded_headers_are_recognised_and_only_the_extra_column_is_asked(
    assessment: Any,
) -> None:
    result = parse_plan_file(assessment, other_units_plan_docx())
    asked = [c.header for c in result.columns if c.needs_choice]
    assert asked == ["งบประมาณ (บาท)"]
    mapped = {c.header: c.target for c in result.columns if not c.needs_choice}
    assert mapped == {
        HEADERS[0].strip(): "indicator",
        "ประเด็นที่ต้องพัฒนา/ปรับปรุง": "issue",
        "มาตรการ/กิจกรรมที่ดำเนินการ": "activity",
        "ผลผลิต": "output",
        "ช่องทางการเผยแพร่ประชาสัมพันธ์": "channels",
        "ระยะเวลาดำเนินการ": "period",
        "ผู้รับผิดชอบหลัก": "responsible",
        "ระยะเวลากำกับติดตาม": "monitoring",
        "ผลการดำเนินงาน": "result",
    }
    assert not result.ok  # nothing is imported while a column is undecided


def test_the_extra_column_kept_as_a_note_lands_in_the_rows_notes(assessment: Any) -> None:
    result = parse_plan_file(assessment, other_units_plan_docx(), chosen={BUDGET: NOTE})
    assert result.ok, [str(p) for p in result.problems]
    first, second, third = result.drafts
    assert first.notes == "งบประมาณ (บาท): ๑๒,๕๐๐"
    assert second.notes == "งบประมาณ (บาท): -"  # a lone "-" is kept as written
    assert third.notes == ""
    assert second.indicator == "9" and second.issue == "ปรับปรุงข้อมูลพื้นฐานบนเว็บไซต์"
    assert first.oit_items == [f"O{n}" for n in range(1, 17)]
    assert second.oit_items == ["O12", "O13"]
    assert third.oit_items == ["O17", "O18"]
    plan_import(actor="tests", assessment=assessment, result=result)
    assert (
        PlanRow.objects.get(activity__startswith="ปรับปรุงข้อมูลบน").notes == "งบประมาณ (บาท): ๑๒,๕๐๐"
    )


def test_an_ignored_column_is_left_out(assessment: Any) -> None:
    result = parse_plan_file(assessment, other_units_plan_docx(), chosen={BUDGET: IGNORE})
    assert result.ok
    assert [d.notes for d in result.drafts] == ["", "", ""]


def test_an_ambiguous_header_is_asked_with_both_candidates(assessment: Any) -> None:
    headers = [*HEADERS[:5], "ระยะเวลา", *HEADERS[6:]]  # period or monitoring?
    result = parse_plan_file(assessment, other_units_plan_docx(headers))
    column = next(c for c in result.columns if c.header == "ระยะเวลา")
    assert column.needs_choice
    assert {key for key, _score in column.candidates[:2]} == {"period", "monitoring"}
    assert not result.ok


def _url(assessment: Any) -> str:
    return reverse("measures:import", kwargs={"slug": assessment.unit.slug, "year": 2567})


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("plan-other-unit.docx", data)


def test_the_preview_asks_remembers_and_the_next_file_maps_itself(
    assessment: Any, people: Any, client: Any, tree: Any
) -> None:
    client.force_login(people.editor)
    first = client.post(_url(assessment), {"file": _upload(other_units_plan_docx())})
    assert first.status_code == 200
    body = first.content.decode()
    assert 'data-testid="column-mapping"' in body and "งบประมาณ (บาท)" in body
    assert 'name="confirm"' not in body  # undecided: nothing to confirm yet
    form = first.context["mapping_form"]
    choices = {f"map-{n}": field.value() for n, (_c, field) in enumerate(form.rows())}
    budget = next(n for n, (c, _f) in enumerate(form.rows()) if c.normalized == BUDGET)
    choices[f"map-{budget}"] = NOTE
    mapped = client.post(
        _url(assessment), {"map": "1", "token": first.context["mapping_token"], **choices}
    )
    assert mapped.status_code == 200
    assert len(mapped.context["preview"]) == 3
    done = client.post(_url(assessment), {"confirm": "1", "token": mapped.context["token"]})
    assert done.status_code == 302
    assert PlanRow.objects.filter(assessment=assessment).count() == 3
    remembered = ColumnMapping.objects.get(unit=tree.unit, kind="measures.plan")
    assert (remembered.header, remembered.target) == (BUDGET, NOTE)

    # The next file of the same layout: no question, straight to the confirmation.
    again = client.post(_url(assessment), {"file": _upload(other_units_plan_docx())})
    assert "token" in again.context and 'name="confirm"' in again.content.decode()
    column = next(c for c in again.context["result"].columns if c.normalized == BUDGET)
    assert (column.target, column.how) == (NOTE, "remembered")


def test_a_mapping_is_remembered_for_its_own_unit_only(
    assessment: Any, people: Any, tree: Any
) -> None:
    from prongsai.measures.importing import PLAN_FIELDS
    from prongsai.spreadsheets.services import column_mappings_remember

    result = parse_plan_file(assessment, other_units_plan_docx(), chosen={BUDGET: NOTE})
    column_mappings_remember(
        actor=people.editor, unit=tree.sibling, fieldset=PLAN_FIELDS, columns=result.columns
    )
    again = parse_plan_file(assessment, other_units_plan_docx())
    assert [c.header for c in again.columns if c.needs_choice] == ["งบประมาณ (บาท)"]


def test_the_command_line_takes_a_mapping(assessment: Any, tmp_path: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    path = tmp_path / "plan.docx"
    path.write_bytes(other_units_plan_docx())
    args = [str(path), "--unit", assessment.unit.slug, "--year", "2567"]
    with pytest.raises(CommandError):
        call_command("measures_import", *args, stdout=StringIO(), stderr=StringIO())
    out = StringIO()
    call_command("measures_import", *args, "--map", "งบประมาณ (บาท)=note", stdout=out)
    assert "3 row(s) imported" in out.getvalue()

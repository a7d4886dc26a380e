"""`manage.py survey_import`: paper forms from CSV or XLSX, all rows or none."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from prongsai.surveys.answers import layout_for
from prongsai.surveys.models import AnswerTally, RespondentTally, Response

EIT_KEYS = [f"e{n}" for n in range(1, 16)]


def _row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(EIT_KEYS, "4")
    row.update({"e4": "ไม่มี", "e8": "มี", "e10": "Yes", "p1": "ชาวต่างชาติ", "p2": "", "date": ""})
    row.update(overrides)
    return row


def _csv(path: Path, rows: list[dict[str, Any]], *, encoding: str = "utf-8-sig") -> Path:
    headers = list(rows[0])
    lines = [",".join(headers)] + [",".join(str(r.get(h, "")) for h in headers) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _import(path: Path, instrument: str = "EIT", out: io.StringIO | None = None) -> str:
    out = out or io.StringIO()
    call_command(
        "survey_import",
        str(path),
        unit="kalasin-immigration",
        year=2567,
        instrument=instrument,
        date=dt.date(2024, 2, 1),  # forms of fiscal year 2567 (today is outside it)
        stdout=out,
        stderr=out,
    )
    return out.getvalue()


def _eit_respondents(assessment: Any) -> int:
    return RespondentTally.objects.get(assessment=assessment, instrument="EIT").count


def test_a_good_csv_is_imported_with_labels_and_values(tmp_path: Path, assessment: Any) -> None:
    rows = [_row(), _row(e1="มาก", e2="Little", e3=" 1 "), _row(p2="extension", date="2567-02-15")]
    output = _import(_csv(tmp_path / "forms.csv", rows))
    assert "Imported 3 EIT responses" in output
    assert Response.objects.filter(source="paper").count() == 3
    assert _eit_respondents(assessment) == 3
    counts = dict(
        AnswerTally.objects.filter(assessment=assessment, key="e1").values_list("level", "count")
    )
    assert counts[4] == 2 and counts[3] == 1
    dated = Response.objects.get(profile__p2="extension")
    assert dated.submitted_on.isoformat() == "2024-02-15"


def test_a_good_xlsx_is_imported(tmp_path: Path, assessment: Any) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["no", *EIT_KEYS, "p1"])
    sheet.append([1, *[4] * 15, "person"])
    sheet.append([2, *[3.0] * 15, "agency"])
    sheet.cell(row=3, column=5, value=0)  # e4 (yes/no) = 0 "no"
    sheet.cell(row=2, column=5, value=0)
    sheet.cell(row=2, column=9, value=1)  # e8 yes
    sheet.cell(row=3, column=9, value=1)
    sheet.cell(row=2, column=11, value=1)  # e10 yes
    sheet.cell(row=3, column=11, value=0)
    path = tmp_path / "forms.xlsx"
    book.save(path)
    assert "Imported 2 EIT responses" in _import(path)
    assert _eit_respondents(assessment) == 2


def test_a_bad_row_is_reported_with_its_row_and_column_and_nothing_is_imported(
    tmp_path: Path, assessment: Any
) -> None:
    rows = [_row(), _row(), _row(e7="maybe"), _row(), _row(e12="")]
    path = _csv(tmp_path / "forms.csv", rows)
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported") as caught:
        _import(path, out=out)
    assert "2 problem(s)" in str(caught.value)
    report = out.getvalue()
    assert "4" in report and "e7" in report and "maybe" in report  # row 4 (header is row 1)
    assert "6" in report and "e12" in report
    assert Response.objects.count() == 0
    assert _eit_respondents(assessment) == 0


def test_problems_name_row_and_column(tmp_path: Path, assessment: Any) -> None:
    from prongsai.surveys.importing import plan_import
    from prongsai.surveys.models import Campaign

    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    data = _csv(tmp_path / "f.csv", [_row(), _row(e7="maybe"), _row(p1="alien")]).read_bytes()
    plan = plan_import(campaign=campaign, name="f.csv", data=data, default_day=dt.date(2024, 2, 1))
    where = {(p.row, p.column) for p in plan.problems}
    assert where == {(3, "e7"), (4, "p1")}
    assert not plan.rows or not plan.ok


def test_unknown_and_missing_columns_are_reported(tmp_path: Path, assessment: Any) -> None:
    from prongsai.surveys.importing import plan_import
    from prongsai.surveys.models import Campaign

    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    row = _row(e99="4", i1="4")
    del row["e5"]
    plan = plan_import(
        campaign=campaign, name="f.csv", data=_csv(tmp_path / "f.csv", [row]).read_bytes()
    )
    columns = {p.column for p in plan.problems if p.row == 1}
    assert {"e99", "i1"} <= columns
    assert any("e5" in p.message for p in plan.problems)
    assert not plan.ok


def test_an_iit_file_with_sub_items(tmp_path: Path, assessment: Any) -> None:
    layout = layout_for(assessment.framework.spec, "IIT")
    row = {}
    for key, question in layout.question_of_key.items():
        row[key] = "ไม่มี" if layout.scale(question).id == "yesno" else "มากที่สุด"
    _import(_csv(tmp_path / "iit.csv", [row, row]), instrument="IIT")
    assert RespondentTally.objects.get(assessment=assessment, instrument="IIT").count == 2


def test_the_same_file_is_not_imported_twice(tmp_path: Path, assessment: Any) -> None:
    path = _csv(tmp_path / "forms.csv", [_row(), _row()])
    _import(path)
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        _import(path, out=out)
    assert "นำเข้าไปแล้ว" in out.getvalue()  # "already imported" (the CLI speaks Thai first)
    assert Response.objects.count() == 2


def test_thai_windows_encoding_is_read(tmp_path: Path, assessment: Any) -> None:
    path = _csv(tmp_path / "forms.csv", [_row(e1="มากที่สุด")], encoding="cp874")
    assert "Imported 1" in _import(path)


def test_garbage_files_and_unknown_units_are_refused(tmp_path: Path, assessment: Any) -> None:
    garbage = tmp_path / "x.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CommandError):
        _import(garbage)
    with pytest.raises(CommandError, match="no assessment"):
        call_command("survey_import", str(garbage), unit="nowhere", year=2567, instrument="EIT")
    assert Response.objects.count() == 0


def test_an_assessment_without_campaigns_gets_them_on_import(
    tmp_path: Path, assessment: Any
) -> None:
    from prongsai.surveys.models import Campaign

    Campaign.objects.filter(assessment=assessment).delete()
    assert "Imported 1 EIT responses" in _import(_csv(tmp_path / "forms.csv", [_row()]))
    assert Campaign.objects.filter(assessment=assessment).count() == 2

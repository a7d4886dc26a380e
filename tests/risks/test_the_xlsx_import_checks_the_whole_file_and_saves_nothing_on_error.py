"""The register imports from XLSX: the export imports back unchanged; a file with problems is
refused whole with one message per problem naming its row and column, and nothing is saved; a
file that is not a workbook or lacks the needed columns is refused with a plain message."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from prongsai.risks.models import Process, RiskEvent, Treatment
from prongsai.risks.schemes import shipped_scheme
from prongsai.risks.services import register_import
from prongsai.risks.spreadsheet import parse_register, register_xlsx

from .helpers import open_register

HEADER = [
    "กระบวนการ",
    "เหตุการณ์ความเสี่ยง",
    "ประเภทความเสี่ยง",
    "โอกาส",
    "ผลกระทบ",
    "มาตรการ",
    "ผู้รับผิดชอบ",
    "กำหนดเสร็จ",
]


def _xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _shape(register: Any) -> list[tuple[Any, ...]]:
    return [
        (
            p.name,
            p.section,
            p.legal_basis,
            e.description,
            e.cause,
            e.risk_type,
            e.controls,
            e.likelihood,
            e.impact,
            t.measure,
            t.owner_position,
            t.kpi,
        )
        for p in register.processes.order_by("position")
        for e in p.events.order_by("position")
        for t in e.treatments.order_by("position")
    ]


def test_the_export_imports_back_unchanged(assessment: Any) -> None:
    register = open_register(assessment)
    before = _shape(register)
    parsed = parse_register(
        register_xlsx(register), name="r.xlsx", scheme=shipped_scheme("default")
    )
    assert parsed.errors == []
    register_import(actor="tests", register=register, parsed=parsed, replace=True)
    assert _shape(register) == before


def test_every_problem_is_reported_with_its_row_and_column_and_nothing_is_saved(
    assessment: Any,
) -> None:
    register = open_register(assessment, start="empty")
    data = _xlsx(
        [
            [
                "การออกใบอนุญาต",
                "เรียกรับเงินเพื่อเร่งรัด",
                "การอนุญาต",
                3,
                4,
                "ประกาศขั้นตอน",
                "หัวหน้างาน",
                "31/03/2567",
            ],
            ["", "ละเว้นการดำเนินคดี", "ชนิดที่ไม่มี", 2, 5, "", "", ""],
            ["", "รับเงินรายเดือน", "การให้หรือรับสินบน", 7, "มาก", "", "", ""],
            ["", "", "", "", "", "บันทึกภาพการตรวจ", "", "ปีหน้า"],
        ]
    )
    parsed = parse_register(data, name="r.xlsx", scheme=shipped_scheme("default"))
    assert len(parsed.errors) == 4, parsed.errors
    type_error, likelihood_error, impact_error, date_error = parsed.errors
    assert "แถว 3" in type_error and "คอลัมน์ C" in type_error and "ชนิดที่ไม่มี" in type_error
    assert "แถว 4" in likelihood_error and "คอลัมน์ D" in likelihood_error
    assert "แถว 4" in impact_error and "คอลัมน์ E" in impact_error
    assert "แถว 5" in date_error and "คอลัมน์ H" in date_error
    with pytest.raises(ValidationError):
        register_import(actor="tests", register=register, parsed=parsed, replace=False)
    assert not register.processes.exists()  # the good first row is not saved either


def test_a_refused_file_leaves_the_register_as_it_was(
    client: Any, people: Any, assessment: Any
) -> None:
    register = open_register(assessment)
    counts = (Process.objects.count(), RiskEvent.objects.count(), Treatment.objects.count())
    client.force_login(people.editor)
    bad = _xlsx([["กระบวนการใหม่", "เหตุการณ์", "การอนุญาต", 9, 9, "", "", ""]])
    response = client.post(
        f"/u/{assessment.unit.slug}/{assessment.year}/risks/import/",
        {"file": SimpleUploadedFile("r.xlsx", bad), "replace": "on"},
    )
    assert response.status_code == 200
    problems = response.context["problems"]
    assert problems and all("แถว 2" in p for p in problems)
    assert (Process.objects.count(), RiskEvent.objects.count(), Treatment.objects.count()) == counts
    assert register.processes.filter(name="กระบวนการใหม่").count() == 0

    good = _xlsx([["กระบวนการใหม่", "เหตุการณ์", "การอนุญาต", 2, 2, "มาตรการ", "", "1 มี.ค. 67"]])
    response = client.post(
        f"/u/{assessment.unit.slug}/{assessment.year}/risks/import/",
        {"file": SimpleUploadedFile("r.xlsx", good)},
    )
    assert response.status_code == 302
    assert register.processes.filter(name="กระบวนการใหม่").count() == 1
    assert Process.objects.count() == counts[0] + 1


def test_a_file_without_the_columns_or_not_a_workbook_is_refused(assessment: Any) -> None:
    scheme = shipped_scheme("default")
    missing = parse_register(
        _xlsx([["ก", "ข", 1]], header=["กระบวนการ", "เหตุการณ์ความเสี่ยง", "โอกาส"]),
        name="r.xlsx",
        scheme=scheme,
    )
    assert len(missing.errors) == 1 and "ผลกระทบ" in missing.errors[0]
    assert "ประเภทความเสี่ยง" in missing.errors[0]
    garbage = parse_register(b"not a workbook at all", name="r.xlsx", scheme=scheme)
    assert len(garbage.errors) == 1
    empty = parse_register(_xlsx([]), name="r.xlsx", scheme=scheme)
    assert len(empty.errors) == 1

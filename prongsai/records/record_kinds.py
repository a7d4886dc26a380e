"""The four record kinds of this app (operations, statistics, budget, fund) in the registry.

Each has its columns (the first synonym is what the export writes as a header in the XLSX; the
CSV/JSON exports use the stable English field names, which import back too), a row reader, the
save (``services.records_import``) and the export (one dict per record, ``FIELDS`` order).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from prongsai.core.actors import Actor
from prongsai.organizations.models import Unit
from prongsai.spreadsheets.headers import Field, FieldSet

from . import selectors, services
from .kinds import ImportResult, register_record_kind
from .periods import month_label, quarter_label
from .tables import RowReader, parse_record_file

OPERATIONS, STATISTICS, BUDGET, FUND = "operations", "statistics", "budget", "fund"

_YEAR = Field("year", _("Fiscal year"), ("ปีงบประมาณ", "year"))  # checked, not stored

FIELDSETS = {
    OPERATIONS: FieldSet(
        kind="records.operations",
        fields=(
            _YEAR,
            Field("month", _("Month"), ("เดือน", "month", "ประจำเดือน"), required=True),
            Field(
                "work_area",
                _("Work area"),
                ("ด้าน/ภารกิจ", "ภารกิจ", "ด้าน", "งาน", "work_area"),
                required=True,
            ),
            Field(
                "activity",
                _("Project / activity"),
                ("โครงการ/กิจกรรม", "กิจกรรม", "โครงการ", "activity"),
                required=True,
            ),
            Field("details", _("Details"), ("รายละเอียด", "ผลการดำเนินงาน", "details")),
            Field("period", _("Period"), ("ระยะเวลา", "วันที่ดำเนินการ", "period")),
            Field("section", _("Responsible section"), ("ผู้รับผิดชอบ", "งานที่รับผิดชอบ", "section")),
            Field("position", _("Order"), ("ลำดับ", "ที่", "position")),  # exports only
            Field("photos", _("Photos"), ("รูปภาพ", "photos")),  # exports only
        ),
    ),
    STATISTICS: FieldSet(
        kind="records.statistics",
        fields=(
            _YEAR,
            Field("month", _("Month"), ("เดือน", "month"), required=True),
            Field(
                "series", _("Series"), ("รายการ", "ชุดข้อมูล", "ประเภทงาน", "series"), required=True
            ),
            Field("category", _("Category"), ("หมวด", "หมวดหมู่", "category")),
            Field("measure", _("Unit of measure"), ("หน่วยนับ", "หน่วย", "measure")),
            Field("value", _("Value"), ("จำนวน", "ผลการดำเนินงาน", "ค่า", "value"), required=True),
        ),
    ),
    BUDGET: FieldSet(
        kind="records.budget",
        fields=(
            _YEAR,
            Field(
                "line",
                _("Budget line"),
                ("รายการ", "รายการงบประมาณ", "แผนงาน/รายการ", "line"),
                required=True,
            ),
            Field(
                "category", _("Budget category"), ("หมวดงบ", "หมวดรายจ่าย", "งบรายจ่าย", "category")
            ),
            Field(
                "planned_year",
                _("Planned for the year"),
                ("งบประมาณทั้งปี", "งบประมาณที่ได้รับ", "วงเงินงบประมาณ", "planned_year"),
            ),
            Field("month", _("Month"), ("เดือน", "month")),
            Field("planned", _("Planned"), ("แผนการใช้จ่าย", "แผน", "planned")),
            Field("spent", _("Spent"), ("ผลการใช้จ่าย", "เบิกจ่าย", "ผลการเบิกจ่าย", "spent")),
        ),
    ),
    FUND: FieldSet(
        kind="records.fund",
        fields=(
            _YEAR,
            Field("quarter", _("Quarter"), ("ไตรมาส", "quarter"), required=True),
            Field(
                "allocated",
                _("Allocated"),
                ("ได้รับจัดสรร", "เงินที่ได้รับจัดสรร", "allocated"),
                required=True,
            ),
            Field("spent", _("Spent"), ("ใช้จ่าย", "เบิกจ่าย", "ผลการใช้จ่าย", "spent"), required=True),
            Field("cases", _("Cases"), ("จำนวนคดี", "จำนวนเรื่อง", "cases")),
            Field("details", _("Details"), ("รายละเอียด", "หมายเหตุ", "details")),
        ),
    ),
}

FIELDS = {
    OPERATIONS: ("year", "month", "position", "work_area", "activity", "details", "period", "section", "photos"),
    STATISTICS: ("year", "month", "series", "category", "measure", "value"),
    BUDGET: ("year", "month", "line", "category", "planned_year", "planned", "spent"),
    FUND: ("year", "quarter", "allocated", "spent", "cases", "details"),
}  # fmt: skip

TITLES = {
    OPERATIONS: _("Monthly operations report"),
    STATISTICS: _("Statistics"),
    BUDGET: _("Budget spending"),
    FUND: _("Investigation fund"),
}


def _check_year(row: RowReader) -> None:
    text = row.text("year", max_length=10)
    if text and text.strip() != str(row.year):
        row.problem("year", _("this file is for fiscal year %(year)s") % {"year": row.year})


def _operations_row(row: RowReader) -> dict[str, Any]:
    _check_year(row)
    return {
        "month": row.month("month"),
        "work_area": row.text("work_area", required=True),
        "activity": row.text("activity", required=True, max_length=500),
        "details": row.text("details", max_length=5000),
        "period": row.text("period", max_length=200),
        "section": row.text("section"),
    }


def _statistics_row(row: RowReader) -> dict[str, Any]:
    _check_year(row)
    return {
        "month": row.month("month"),
        "series": row.text("series", required=True, max_length=200),
        "category": row.text("category", max_length=200),
        "measure": row.text("measure", max_length=60),
        "value": row.amount("value", required=True),
    }


def _budget_row(row: RowReader) -> dict[str, Any]:
    _check_year(row)
    return {
        "line": row.text("line", required=True),
        "category": row.text("category", max_length=200),
        "planned_year": row.amount("planned_year")
        if row.raw("planned_year") not in (None, "")
        else None,
        "month": row.month("month", required=False),
        "planned": row.amount("planned"),
        "spent": row.amount("spent"),
    }


def _fund_row(row: RowReader) -> dict[str, Any]:
    _check_year(row)
    return {
        "quarter": row.quarter("quarter"),
        "allocated": row.amount("allocated", required=True),
        "spent": row.amount("spent", required=True),
        "cases": row.integer("cases"),
        "details": row.text("details", max_length=2000),
    }


_PARSERS = {
    OPERATIONS: _operations_row,
    STATISTICS: _statistics_row,
    BUDGET: _budget_row,
    FUND: _fund_row,
}


@dataclass(frozen=True)
class TableImporter:
    """One of this app's kinds: read with ``tables.parse_record_file``, saved by the service."""

    kind: str

    @property
    def fieldset(self) -> FieldSet:
        return FIELDSETS[self.kind]

    def parse(
        self,
        *,
        unit: Unit,
        year: int,
        data: bytes,
        name: str = "",
        chosen: Mapping[str, str] | None = None,
    ) -> ImportResult:
        result = parse_record_file(
            kind=self.kind,
            fieldset=self.fieldset,
            unit=unit,
            year=year,
            data=data,
            name=name,
            parse_row=_PARSERS[self.kind],
            chosen=chosen,
        )
        if self.kind == BUDGET and result.rows:
            services.check_budget_rows(unit=unit, year=year, result=result)
        if self.kind == STATISTICS and result.rows:
            services.check_statistics_rows(result=result)
        if self.kind == FUND and result.rows:
            services.check_fund_rows(result=result)
        return result

    def save(
        self,
        *,
        actor: Actor,
        unit: Unit,
        year: int,
        result: ImportResult,
        source_name: str = "",
        source_bytes: bytes = b"",
    ) -> int:
        return services.records_import(
            actor=actor,
            unit=unit,
            year=year,
            kind=self.kind,
            result=result,
            fieldset=self.fieldset,
            source_name=source_name,
            source_bytes=source_bytes,
        )


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _preview(kind: str) -> Any:
    def rows(result: ImportResult) -> list[list[str]]:
        out = []
        for r in result.rows:
            if kind == OPERATIONS:
                out.append([month_label(r["month"]), r["work_area"], r["activity"], r["section"]])
            elif kind == STATISTICS:
                out.append([month_label(r["month"]), r["series"], r["measure"], f"{r['value']:,}"])
            elif kind == BUDGET:
                month = month_label(r["month"]) if r["month"] else ""
                year_plan = _money(r["planned_year"]) if r["planned_year"] is not None else ""
                out.append([r["line"], year_plan, month, _money(r["planned"]), _money(r["spent"])])
            else:
                out.append(
                    [
                        quarter_label(r["quarter"]),
                        _money(r["allocated"]),
                        _money(r["spent"]),
                        str(r["cases"]),
                    ]
                )
        return out

    return rows


def _exporter(kind: str) -> Any:
    def export(unit: Unit, year: int) -> list[dict[str, Any]]:
        return selectors.export_rows(unit, year, kind)

    return export


def register_record_kinds() -> None:
    for kind in (OPERATIONS, STATISTICS, BUDGET, FUND):
        register_record_kind(
            kind,
            importer=TableImporter(kind),
            exporter=_exporter(kind),
            fields=FIELDS[kind],
            title=TITLES[kind],
            preview=_preview(kind),
        )

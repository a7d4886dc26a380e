"""One data model per published document (:class:`RecordDocument`), built from the records as
they are at render time; the renderers (``renderers.py``) lay it out per format.

* O6 ``operations``: the month's entries (with their photos in the PDF and Word files).
* O10 ``statistics``: each series' value in the month and cumulated since October, a month-by-month
  table up to the month, and a chart (SVG drawn here, no script).
* O11 ``budget``: each line's plan for the year, plan and spending in the month and cumulated,
  and the share of the year's plan spent.
* O12 ``fund``: each quarter up to the one published: allocated, spent, balance, share, cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from prongsai.core.thai_dates import thai_date
from prongsai.organizations.models import Unit

from . import selectors
from .charts import line_chart, swatch
from .periods import QUARTERS, fiscal_months, month_label, quarter_label, quarter_months

ZERO = Decimal(0)


@dataclass
class Table:
    title: str
    headers: list[str]
    keys: list[str]  # the machine-readable field of each column
    rows: list[list[Any]] = field(default_factory=list)
    totals: list[Any] | None = None
    widths_cm: list[float] = field(default_factory=list)  # for the Word table
    numeric: set[int] = field(default_factory=set)  # right-aligned columns


@dataclass
class Photo:
    content: bytes
    content_type: str


@dataclass
class RecordDocument:
    kind: str
    item_code: str
    unit: Unit
    year: int
    period: str
    period_label: str
    title: str
    tables: list[Table]
    records: list[dict[str, Any]]  # the JSON/CSV rows (stable field names)
    fields: list[str]
    landscape: bool = True
    chart_svg: Any = ""  # a SafeString from charts.line_chart (SVG plot + HTML month labels)
    chart_title: str = ""
    legend: list[tuple[Any, str]] = field(default_factory=list)  # (swatch, series name)
    note: str = ""
    empty_text: str = ""
    photos: dict[int, list[Photo]] = field(default_factory=dict)  # table row index → photos
    generated_at: dt.datetime = field(default_factory=timezone.now)
    thai_digits: bool = False  # the unit's option: the PDF and Word files print ๐–๙

    @property
    def unit_lines(self) -> list[str]:
        lines = [self.unit.name]
        parent = getattr(self.unit, "parent", None)
        if parent is not None:
            lines.append(parent.name)
        return lines

    @property
    def as_of(self) -> str:
        return thai_date(self.generated_at)

    @property
    def is_empty(self) -> bool:
        return not self.records


def _upto(year: int, month: str) -> list[str]:
    months = fiscal_months(year)
    return months[: months.index(month) + 1]


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _number(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _pct(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def operations_document(
    unit: Unit, year: int, month: str, *, photos: bool = True
) -> RecordDocument:
    entries = selectors.operation_entries(unit, year, month)
    table = Table(
        title="",
        headers=["ลำดับ", "ด้าน/ภารกิจ", "โครงการ/กิจกรรม", "รายละเอียดผลการดำเนินงาน", "ระยะเวลา", "ผู้รับผิดชอบ"],
        keys=["position", "work_area", "activity", "details", "period", "section"],
        widths_cm=[1.3, 3.5, 5.0, 9.0, 3.0, 3.5],
        numeric={0},
    )  # fmt: skip
    records = []
    pictures: dict[int, list[Photo]] = {}
    for index, entry in enumerate(entries):
        table.rows.append(
            [
                str(index + 1),
                entry.work_area,
                entry.activity,
                entry.details,
                entry.period,
                entry.section,
            ]
        )
        records.append(
            {
                "year": year, "month": month, "position": index + 1,
                "work_area": entry.work_area, "activity": entry.activity, "details": entry.details,
                "period": entry.period, "section": entry.section, "photos": len(entry.photos.all()),
            }
        )  # fmt: skip
        if photos:
            kept = []
            for photo in list(entry.photos.all())[:3]:
                try:
                    with photo.file.open("rb") as handle:
                        kept.append(Photo(handle.read(), photo.content_type))
                except OSError:
                    continue
            if kept:
                pictures[index] = kept
    return RecordDocument(
        kind="operations",
        item_code="O6",
        unit=unit,
        year=year,
        period=month,
        period_label=month_label(month),
        title=f"รายงานผลการปฏิบัติราชการประจำเดือน {month_label(month)}",
        tables=[table],
        records=records,
        fields=["year", "month", *table.keys, "photos"],
        empty_text="ไม่มีผลการดำเนินงานที่บันทึกไว้ในเดือนนี้",
        photos=pictures,
    )


def statistics_document(unit: Unit, year: int, month: str) -> RecordDocument:
    rows = selectors.statistics_table(unit, year)
    upto = _upto(year, month)
    main = Table(
        title="ผลการดำเนินงานประจำเดือนและสะสม",
        headers=["ลำดับ", "หมวด", "รายการ", "หน่วยนับ", month_label(month, short=True), f"สะสม {month_label(upto[0], short=True)}–{month_label(month, short=True)}"],
        keys=["position", "category", "series", "measure", "value", "cumulative"],
        widths_cm=[1.3, 5.0, 8.0, 2.5, 3.5, 4.5],
        numeric={0, 4, 5},
    )  # fmt: skip
    monthly = Table(
        title="รายเดือน",
        headers=["รายการ", *[month_label(m, short=True) for m in upto], "รวม"],
        keys=["series", *upto, "total"],
        numeric=set(range(1, len(upto) + 2)),
    )
    records = []
    for index, row in enumerate(rows):
        value = row.value(month)
        total = row.cumulative(month, fiscal_months(year))
        main.rows.append(
            [str(index + 1), row.series.category, row.series.name, row.series.measure, _number(value), _number(total)]
        )  # fmt: skip
        monthly.rows.append(
            [row.series.name, *[_number(row.value(m)) for m in upto], _number(total)]
        )
        records.append(
            {
                "year": year, "month": month, "series": row.series.name,
                "category": row.series.category, "measure": row.series.measure,
                "value": None if value is None else f"{value:.2f}", "cumulative": f"{total:.2f}",
            }
        )  # fmt: skip
    chart = line_chart(
        labels=[month_label(m, short=True) for m in upto],
        series=[(r.series.name, [r.value(m) or ZERO for m in upto]) for r in rows],
    )
    return RecordDocument(
        kind="statistics",
        item_code="O10",
        unit=unit,
        year=year,
        period=month,
        period_label=month_label(month),
        title=f"ข้อมูลผลการดำเนินงานในเชิงสถิติ ประจำเดือน {month_label(month)}",
        tables=[main, monthly],
        records=records,
        fields=["year", "month", "series", "category", "measure", "value", "cumulative"],
        chart_svg=chart if rows else "",
        chart_title=f"ผลการดำเนินงานรายเดือน {month_label(upto[0], short=True)}–{month_label(month, short=True)}",
        legend=[(swatch(i), r.series.name) for i, r in enumerate(rows)],
        empty_text="ยังไม่มีรายการข้อมูลสถิติ",
    )


def budget_document(unit: Unit, year: int, month: str) -> RecordDocument:
    rows = selectors.budget_table(unit, year)
    months = fiscal_months(year)
    table = Table(
        title="",
        headers=["ลำดับ", "รายการ", "หมวดงบ", "งบประมาณทั้งปี (บาท)", "แผนเดือนนี้", "ผลเดือนนี้", "แผนสะสม", "ผลสะสม", "ร้อยละของงบทั้งปี"],
        keys=["position", "line", "category", "planned_year", "planned", "spent", "planned_to_date", "spent_to_date", "percent_spent"],
        widths_cm=[1.2, 5.5, 3.0, 3.0, 2.6, 2.6, 2.6, 2.6, 2.0],
        numeric={0, 3, 4, 5, 6, 7, 8},
    )  # fmt: skip
    records = []
    sums = [ZERO] * 5
    for index, row in enumerate(rows):
        figures = [
            row.line.planned, row.planned(month), row.spent(month),
            row.planned_to(month, months), row.spent_to(month, months),
        ]  # fmt: skip
        sums = [a + b for a, b in zip(sums, figures, strict=True)]
        share = selectors.percent(figures[4], row.line.planned)
        table.rows.append(
            [
                str(index + 1),
                row.line.name,
                row.line.category,
                *[_money(v) for v in figures],
                _pct(share),
            ]
        )
        records.append(
            {
                "year": year, "month": month, "line": row.line.name, "category": row.line.category,
                "planned_year": f"{figures[0]:.2f}", "planned": f"{figures[1]:.2f}",
                "spent": f"{figures[2]:.2f}", "planned_to_date": f"{figures[3]:.2f}",
                "spent_to_date": f"{figures[4]:.2f}",
                "percent_spent": None if share is None else f"{share:.2f}",
            }
        )  # fmt: skip
    if rows:
        table.totals = [
            "",
            "รวม",
            "",
            *[_money(v) for v in sums],
            _pct(selectors.percent(sums[4], sums[0])),
        ]
    return RecordDocument(
        kind="budget",
        item_code="O11",
        unit=unit,
        year=year,
        period=month,
        period_label=month_label(month),
        title=f"รายงานผลการใช้จ่ายงบประมาณ ประจำเดือน {month_label(month)}",
        tables=[table],
        records=records,
        fields=["year", "month", *table.keys[1:]],
        empty_text="ยังไม่มีแผนการใช้จ่ายงบประมาณ",
    )


def fund_document(unit: Unit, year: int, quarter: str) -> RecordDocument:
    quarters = selectors.fund_quarters(unit, year)
    upto = QUARTERS[: QUARTERS.index(quarter) + 1]
    table = Table(
        title="",
        headers=["ไตรมาส", "ช่วงเดือน", "ได้รับจัดสรร (บาท)", "ใช้จ่าย (บาท)", "คงเหลือ (บาท)", "ร้อยละที่ใช้จ่าย", "จำนวนคดี", "รายละเอียด"],
        keys=["quarter", "months", "allocated", "spent", "balance", "percent_spent", "cases", "details"],
        widths_cm=[2.2, 3.5, 3.2, 3.2, 3.2, 2.4, 2.0, 6.5],
        numeric={2, 3, 4, 5, 6},
    )  # fmt: skip
    records = []
    allocated = spent = ZERO
    cases = 0
    for q in upto:
        row = quarters.get(q)
        if row is None:
            continue
        months = quarter_months(year, q)
        span = f"{month_label(months[0], short=True)}–{month_label(months[-1], short=True)}"
        balance = row.allocated - row.spent
        share = selectors.percent(row.spent, row.allocated)
        allocated, spent, cases = allocated + row.allocated, spent + row.spent, cases + row.cases
        table.rows.append(
            [quarter_label(q), span, _money(row.allocated), _money(row.spent), _money(balance), _pct(share), str(row.cases), row.details]
        )  # fmt: skip
        records.append(
            {
                "year": year, "quarter": q, "months": months, "allocated": f"{row.allocated:.2f}",
                "spent": f"{row.spent:.2f}", "balance": f"{balance:.2f}",
                "percent_spent": None if share is None else f"{share:.2f}",
                "cases": row.cases, "details": row.details,
            }
        )  # fmt: skip
    if records:
        table.totals = [
            "รวม", "", _money(allocated), _money(spent), _money(allocated - spent),
            _pct(selectors.percent(spent, allocated)), str(cases), "",
        ]  # fmt: skip
    return RecordDocument(
        kind="fund",
        item_code="O12",
        unit=unit,
        year=year,
        period=quarter,
        period_label=quarter_label(quarter),
        title=f"รายงานการใช้จ่ายเงินกองทุนเพื่อการสืบสวนและสอบสวนคดีอาญา {quarter_label(quarter)} ปีงบประมาณ พ.ศ. {year}",
        tables=[table],
        records=records,
        fields=["year", *table.keys],
        empty_text="ยังไม่มีข้อมูลเงินกองทุนในไตรมาสนี้",
    )


BUILDERS = {
    "operations": operations_document,
    "statistics": statistics_document,
    "budget": budget_document,
    "fund": fund_document,
}

"""One data model per document, built from the records; the renderers only lay them out.

* :func:`monthly_summary` — the month's procurements as rows of the สขร.1 and police layouts.
* :func:`quarter_plan` — O13: the quarter's planned procurements and the announcements made in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from prongsai.core.thai_dates import thai_date
from prongsai.organizations.models import Unit
from prongsai.records import selectors as records_selectors

from . import selectors
from .layouts import CATEGORY_TH, METHOD_TH, STAGE_TH, baht
from .models import Procurement
from .months import month_end, month_label, quarter_months


@dataclass(frozen=True)
class UnitHeader:
    name: str
    parent: str
    district: str
    province: str
    ministry: str
    agency_type: str


def unit_header(unit: Unit) -> UnitHeader:
    profile = selectors.profile_of(unit)
    return UnitHeader(
        name=unit.name_th,
        parent=unit.parent.name_th if unit.parent_id and unit.parent else "",
        district=profile.district,
        province=profile.province,
        ministry=profile.ministry,
        agency_type=profile.agency_type,
    )


@dataclass(frozen=True)
class Row:
    """One procurement, every value as the documents print it, and typed for the data files."""

    number: int
    record: Procurement
    bids: list[tuple[str, Decimal]]

    @property
    def method_th(self) -> str:
        return METHOD_TH.get(self.record.method, self.record.method)

    @property
    def stage_th(self) -> str:
        return STAGE_TH.get(self.record.stage, self.record.stage)

    @property
    def category_th(self) -> str:
        return CATEGORY_TH.get(self.record.category, "")

    @property
    def bids_text(self) -> str:
        return "\n".join(f"{name} ราคาที่เสนอ {baht(amount)} บาท" for name, amount in self.bids)

    @property
    def selected_text(self) -> str:
        r = self.record
        if not r.supplier:
            return ""
        price = f" ราคาที่ตกลง {baht(r.agreed_price)} บาท" if r.agreed_price is not None else ""
        return f"{r.supplier}{price}"

    @property
    def contract_date_th(self) -> str:
        return thai_date(self.record.contract_date, short=True) if self.record.contract_date else ""


@dataclass
class MonthlySummary:
    unit: UnitHeader
    year: int
    month: dt.date
    rows: list[Row] = field(default_factory=list)
    thai_digits: bool = False  # the unit's option (records settings): the PDF prints ๐–๙

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def last_day(self) -> dt.date:
        return month_end(self.month)


def _rows(records: list[Procurement]) -> list[Row]:
    return [
        Row(number=i, record=p, bids=[(b.bidder, b.amount) for b in p.bids.all()])
        for i, p in enumerate(records, start=1)
    ]


def monthly_summary(unit: Unit, year: int, month: dt.date) -> MonthlySummary:
    records = list(selectors.procurements(unit, year, months=[month]))
    return MonthlySummary(
        unit=unit_header(unit),
        year=year,
        month=month,
        rows=_rows(records),
        thai_digits=records_selectors.thai_digits(unit),
    )


@dataclass(frozen=True)
class Announcement:
    number: int
    record: Procurement
    kind: str  # "ประกาศแผน" / "ประกาศเชิญชวน" / "ประกาศผู้ชนะ"
    day: dt.date


@dataclass
class QuarterPlan:
    unit: UnitHeader
    year: int
    quarter: int
    months: list[dt.date]
    planned: list[Row] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    thai_digits: bool = False  # the unit's option (records settings): the PDF prints ๐–๙

    @property
    def first_day(self) -> dt.date:
        return self.months[0]

    @property
    def last_day(self) -> dt.date:
        return month_end(self.months[-1])


def quarter_plan(unit: Unit, year: int, quarter: int) -> QuarterPlan:
    months = quarter_months(year, quarter)
    plan = QuarterPlan(
        unit=unit_header(unit),
        year=year,
        quarter=quarter,
        months=months,
        thai_digits=records_selectors.thai_digits(unit),
    )
    plan.planned = _rows(list(selectors.procurements(unit, year, months=months)))
    first, last = months[0], month_end(months[-1])
    found: list[tuple[dt.date, str, Procurement]] = []
    for p in selectors.procurements(unit, year):
        for day, kind in (
            (p.plan_announced, "ประกาศแผนการจัดซื้อจัดจ้าง"),
            (p.invitation_announced, "ประกาศเชิญชวน"),
            (p.result_announced, "ประกาศผู้ชนะการเสนอราคา"),
        ):
            if day and first <= day <= last:
                found.append((day, kind, p))
    found.sort(key=lambda t: (t[0], t[2].position))
    plan.announcements = [
        Announcement(number=i, record=p, kind=kind, day=day)
        for i, (day, kind, p) in enumerate(found, start=1)
    ]
    return plan

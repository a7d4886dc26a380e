"""One report model from live data: the 6-month round shows progress up to 31 March, the 12-month
round the whole year; the OIT appendices list every item with its public address; Thai digits
convert every number but no address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from prongsai.measures.models import PlanRow
from prongsai.reports.builder import build_report, report_cutoff

from ..measures.helpers import add_update, make_row
from .helpers import load_seed_plan


def test_round_cut_offs() -> None:
    assert report_cutoff(2567, 6) == dt.date(2024, 3, 31)
    assert report_cutoff(2567, 12) == dt.date(2024, 9, 30)
    with pytest.raises(ValueError):
        report_cutoff(2567, 9)


def test_progress_and_status_as_of_each_round(assessment: Any) -> None:
    row = make_row(assessment, activity="แถวทดสอบ", status="not_started")
    add_update(row, date=dt.date(2024, 3, 10), text="เริ่มดำเนินการ", status="in_progress")
    add_update(row, date=dt.date(2024, 6, 1), text="แล้วเสร็จ", status="done")

    six = build_report(assessment, round_=6, today=dt.date(2024, 10, 5))
    (line,) = six.measures
    assert [u.text for u in line.updates] == ["เริ่มดำเนินการ"]
    assert line.status == "อยู่ระหว่างดำเนินการ"
    assert six.round_label == "รอบ 6 เดือน"
    assert six.measures_until == "ผลการดำเนินการถึงวันที่ 31 มีนาคม 2567"

    twelve = build_report(assessment, round_=12, today=dt.date(2024, 10, 5))
    (line,) = twelve.measures
    assert [u.text for u in line.updates] == ["เริ่มดำเนินการ", "แล้วเสร็จ"]
    assert line.status == "ดำเนินการเสร็จสิ้น"


def test_the_seed_plan_reads_like_the_seed(assessment: Any, people: Any) -> None:
    load_seed_plan(assessment, people)
    report = build_report(assessment, round_=6)
    assert len(report.measures) == PlanRow.objects.count() == 43
    first, second = report.measures[:2]
    assert first.indicator == "1. การปฏิบัติหน้าที่"
    assert second.indicator == ""  # continues the row above, as in the seed's tables
    assert first.period == "ทุกวัน"
    assert second.period == "1 ต.ค. 66 ถึง 31 มี.ค. 67"
    assert [a.title for a in report.areas][:2] == [
        "ข้อมูลพื้นฐาน ได้แก่ การประชาสัมพันธ์และการปฏิสัมพันธ์ข้อมูล",
        "การบริหารงาน ได้แก่ แผนดำเนินงาน การปฏิบัติงาน การให้บริการ",
    ]
    assert len(report.areas) == 5
    reporter, reviewer = report.signatures
    assert (reporter.rank, reporter.position) == ("ร.ต.อ.หญิง", "รอง สว.ตม.จว.กาฬสินธุ์")
    assert (reviewer.rank, reviewer.position) == ("พ.ต.ท.", "สว.ตม.จว.กาฬสินธุ์")
    assert report.photos and all(p.path.startswith("measures/") for p in report.photos)
    # Appendix A and B: every OIT item of the framework, with its public page.
    codes = [item.code for item in report.oit_status]
    assert codes == [f"O{i}" for i in range(1, 25)]
    assert all(item.url.startswith("http") and "/O" in item.url for item in report.oit_status)
    assert [g.title for g in report.oit_groups] == [
        "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล",
        "ตัวชี้วัดที่ 10 การป้องกันการทุจริต",
    ]


def test_thai_digits_everywhere_but_addresses(assessment: Any, people: Any) -> None:
    load_seed_plan(assessment, people)
    report = build_report(assessment, round_=12, thai_digits_=True)
    assert report.title_lines[2] == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    assert report.round_label == "รอบ ๑๒ เดือน"
    assert report.measures[0].indicator == "๑. การปฏิบัติหน้าที่"
    assert report.oit_status[0].label == "O๑"
    assert report.oit_status[0].code == "O1"
    assert report.oit_status[0].url.endswith("/2567/oit/O1/")
    assert "2567" in report.file_stem

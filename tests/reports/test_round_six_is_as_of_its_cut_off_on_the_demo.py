"""The six-month report on the demo (kalasin-immigration, FY 2567) is computed as of 31 March
2567 and says so: an EIT answer submitted today and a progress update made today change the
live score and plan, not the round-6 report."""

from __future__ import annotations

import dataclasses
import datetime as dt
from importlib import import_module
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.demo.base import load_base
from prongsai.measures.models import PlanRow
from prongsai.reports.builder import build_report
from prongsai.scoring.selectors import score_now
from prongsai.surveys.models import Campaign
from prongsai.surveys.services import campaign_update

from ..measures.helpers import add_update
from ..surveys.conftest import eit_fields, eit_url


@pytest.fixture
def demo(db: None, settings: Any) -> Assessment:
    settings.SURVEY_POW_BITS = 4
    with transaction.atomic():
        ctx = load_base()
    for app in ("disclosures", "surveys", "measures", "reports"):
        with transaction.atomic():
            import_module(f"prongsai.demo.{app}").load_demo(ctx)
    return Assessment.objects.select_related("unit", "framework").get(
        unit__slug="kalasin-immigration", year=2567
    )


def _round_six(assessment: Assessment) -> dict[str, Any]:
    report = build_report(assessment, round_=6)
    return {
        "as_of": report.as_of,
        "measures_until": report.measures_until,
        "figures": [dataclasses.astuple(f) for f in report.figures],
        "bars": [dataclasses.astuple(b) for b in report.bars],
        "measures": [(m.activity, m.status, [u.text for u in m.updates]) for m in report.measures],
    }


def test_round_six_stays_as_of_31_march_after_an_answer_today(demo: Assessment) -> None:
    before = _round_six(demo)
    assert before["as_of"] == "ข้อมูล ณ วันที่ 31 มีนาคม 2567"
    assert before["measures_until"] == "ผลการดำเนินการถึงวันที่ 31 มีนาคม 2567"
    figures = {label: value for label, value, _detail in before["figures"]}
    assert figures["ผู้ตอบแบบวัด IIT"] == "12 คน จากเป้าหมาย 12 คน"
    assert figures["ผู้ตอบแบบวัด EIT"] == "248 คน จากเป้าหมาย 200 คน"
    live = score_now(demo).result["respondents"]["EIT"]["count"]

    # Today (after the cut-off): one more EIT answer through the public form, and progress on a
    # plan row that finishes it.
    # The demo's EIT campaign closed on 31 March: its admin opens it again to take this answer.
    campaign = campaign_update(
        actor="tests",
        campaign=Campaign.objects.get(assessment=demo, instrument="EIT"),
        opens_on=dt.date(2024, 1, 8),
        closes_on=None,
        target_override=None,
    )
    assert campaign.is_open
    response = Client().post(eit_url(campaign), eit_fields(campaign))
    assert response.status_code == 200
    row = PlanRow.objects.filter(assessment=demo).order_by("position").first()
    assert row is not None
    add_update(row, date=timezone.localdate(), text="แล้วเสร็จวันนี้", status="done")

    assert score_now(demo).result["respondents"]["EIT"]["count"] == live + 1
    assert _round_six(demo) == before


def test_a_round_not_over_yet_is_as_of_today(demo: Assessment) -> None:
    report = build_report(demo, round_=6, today=dt.date(2024, 2, 15))
    assert report.as_of == "ข้อมูล ณ วันที่ 15 กุมภาพันธ์ 2567"
    figures = {f.label: f.value for f in report.figures}
    # the demo's answers are dated January–March 2567: fewer by mid-February
    eit = int(figures["ผู้ตอบแบบวัด EIT"].split()[0])
    assert 0 < eit < 248


def test_oit_states_results_and_evidence_are_as_of_the_cut_off(assessment: Any) -> None:
    from prongsai.demo.clock import demo_day
    from prongsai.disclosures import services as oit

    from ..disclosures.helpers import add_link, review_all, work

    with demo_day(dt.date(2024, 3, 10)):  # before 31 March 2567
        add_link(assessment, "O3")
        review_all(
            oit.work_submit(actor="tests", work=work(assessment, "O3")), "pass", action="complete"
        )
    # today, after both cut-offs of 2567
    add_link(assessment, "O4")
    review_all(
        oit.work_submit(actor="tests", work=work(assessment, "O4")), "pass", action="complete"
    )
    assert score_now(assessment).result["oit"]["passed"] == 2

    report = build_report(assessment, round_=6)
    lines = {line.code: line for line in report.oit_status}
    assert (lines["O3"].result, lines["O3"].evidence) == ("ผ่าน", "มีข้อมูล (1 รายการ)")
    assert (lines["O4"].result, lines["O4"].evidence) == ("–", "ยังไม่มีข้อมูล")
    assert lines["O4"].state == lines["O5"].state  # O4 was not started then, like O5
    figures = {f.label: f for f in report.figures}
    assert figures["ข้อมูลสาธารณะ OIT"].value == "มีข้อมูล 1 จาก 24 ข้อ"
    assert figures["ข้อมูลสาธารณะ OIT"].detail == "ผ่านการตรวจ 1 จาก 1 ข้อที่ตรวจแล้ว"

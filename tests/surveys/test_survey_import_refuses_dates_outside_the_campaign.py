"""Paper forms dated outside their campaign (before it opened, after it closed, or — for a
campaign without dates — outside the assessment's fiscal year) are refused with a Thai message
naming the row; nothing is imported."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation

from prongsai.surveys.importing import plan_import
from prongsai.surveys.models import Campaign, Response
from prongsai.surveys.services import campaign_update

EIT_KEYS = [f"e{n}" for n in range(1, 16)]
ANSWERS = ["4"] * 3 + ["ไม่มี"] + ["4"] * 3 + ["มี", "4", "Yes"] + ["4"] * 5 + ["ชาวต่างชาติ"]


def _file(*dates: str) -> bytes:
    lines = [",".join([*EIT_KEYS, "p1", "date"])] + [",".join([*ANSWERS, d]) for d in dates]
    return ("\n".join(lines) + "\n").encode()


def _campaign(assessment: Any, opens: dt.date | None, closes: dt.date | None) -> Campaign:
    campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
    return campaign_update(
        actor="tests", campaign=campaign, opens_on=opens, closes_on=closes, target_override=None
    )


def test_rows_dated_before_the_opening_or_after_the_close_are_named(assessment: Any) -> None:
    campaign = _campaign(assessment, dt.date(2024, 1, 15), dt.date(2024, 3, 31))
    data = _file("2567-02-01", "2567-01-14", "15/02/2567", "2567-04-01")
    with translation.override("th"):
        plan = plan_import(campaign=campaign, name="forms.csv", data=data)
    assert not plan.ok
    problems = {p.row: str(p) for p in plan.problems}
    assert set(problems) == {3, 5}
    assert "แถวที่ 3" in problems[3] and "14 มกราคม 2567" in problems[3]
    assert "นอกช่วงเวลา" in problems[3]
    assert "1 เมษายน 2567" in problems[5]
    assert Response.objects.count() == 0


def test_a_campaign_without_dates_takes_forms_of_its_fiscal_year_only(assessment: Any) -> None:
    campaign = _campaign(assessment, None, None)
    plan = plan_import(campaign=campaign, name="forms.csv", data=_file("2566-09-30", "2567-02-01"))
    assert [p.row for p in plan.problems] == [2]


def test_the_day_given_for_undated_rows_must_fall_inside_the_campaign(assessment: Any) -> None:
    campaign = _campaign(assessment, dt.date(2024, 1, 15), dt.date(2024, 3, 31))
    lines = [",".join([*EIT_KEYS, "p1"]), ",".join(ANSWERS)]
    data = ("\n".join(lines) + "\n").encode()
    with translation.override("en"):
        plan = plan_import(
            campaign=campaign, name="forms.csv", data=data, default_day=dt.date(2024, 5, 2)
        )
    assert not plan.ok
    assert "outside the campaign" in str(plan.problems[0])
    inside = plan_import(
        campaign=campaign, name="forms.csv", data=data, default_day=dt.date(2024, 2, 2)
    )
    assert inside.ok

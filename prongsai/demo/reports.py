"""Demo step: the seed unit's report settings (working-group order ๕/๒๕๖๗ of 2 January 2567,
briefing on 8 January 2567, the five areas of disclosure, the reporter and the reviewer).

Idempotent: settings already saved are left alone. Run by ``demo_load`` after the measures step.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from prongsai.reports.models import ReportSettings
from prongsai.reports.selectors import default_areas, default_briefing
from prongsai.reports.services import report_settings_save

from .clock import demo_day

if TYPE_CHECKING:  # the demo app calls us; we only need its type
    from prongsai.demo.context import DemoContext

ACTOR = "demo_load"
REPORTER_POSITION = "รอง สว.ตม.จว.กาฬสินธุ์"
REVIEWER_POSITION = "สว.ตม.จว.กาฬสินธุ์"
SAVED_ON = dt.date(2024, 4, 1)  # the reporter prepares the round-6 report after 31 March


def load_demo(ctx: DemoContext) -> None:
    assessment = ctx.assessments.get("kalasin-immigration")
    if assessment is None or ReportSettings.objects.filter(assessment=assessment).exists():
        return
    reporter = ctx.users.get("kalasin-admin")
    reviewer = ctx.users.get("kalasin-head")
    with demo_day(SAVED_ON, hour=13):
        _save(assessment, reporter, reviewer)


def _save(assessment: Any, reporter: Any, reviewer: Any) -> None:
    report_settings_save(
        actor=ACTOR,
        assessment=assessment,
        order_number="๕/๒๕๖๗",
        order_date=dt.date(2024, 1, 2),
        briefing_date=dt.date(2024, 1, 8),
        briefing_text=default_briefing(assessment.year),
        disclosure_areas=default_areas(assessment, owner=REPORTER_POSITION),
        publication="เพจเฟซบุ๊ก Kalasin Immigration",
        reporter_rank="ร.ต.อ.หญิง",
        reporter_name=reporter.get_full_name() if reporter else "",
        reporter_position=REPORTER_POSITION,
        reviewer_rank="พ.ต.ท.",
        reviewer_name=reviewer.get_full_name() if reviewer else "",
        reviewer_position=REVIEWER_POSITION,
    )

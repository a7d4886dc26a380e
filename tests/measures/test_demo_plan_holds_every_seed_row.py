"""The demo unit's plan holds every row of the seed's measures tables (same indicator, issue,
activity, output, channels, period, monitoring and status; officers as position titles), imported
from a Word file the demo loader builds, plus progress updates with photos. Loading twice adds
nothing."""

from __future__ import annotations

from typing import Any

from prongsai.demo import measures as demo
from prongsai.demo.context import DemoContext
from prongsai.demo.seed_rows import seed_rows
from prongsai.measures.models import PlanRow, ProgressPhoto, ProgressUpdate
from prongsai.measures.parsing import (
    normalize,
    parse_cadence,
    parse_channels,
    parse_indicator,
    parse_period,
    parse_status,
)


def test_every_seed_row_is_in_the_demo_plan(assessment: Any, people: Any) -> None:
    ctx = DemoContext(
        assessments={assessment.unit.slug: assessment}, users={"kalasin-editor": people.editor}
    )
    demo.load_demo(ctx)
    demo.load_demo(ctx)  # idempotent

    rows = list(PlanRow.objects.filter(assessment=assessment).order_by("position"))
    seed = seed_rows()
    assert len(rows) == len(seed) == 43
    titles = {i.id: i.title.th for i in assessment.framework.spec.indicators}
    indicator = issue = ""
    for row, expected in zip(rows, seed, strict=True):
        indicator = parse_indicator(expected.indicator, titles) if expected.indicator else indicator
        issue = normalize(expected.issue) or issue
        assert row.indicator == indicator
        assert row.issue == issue
        assert row.activity == expected.activity
        assert row.output == expected.output
        assert (row.channels, row.channels_other) == parse_channels(expected.channels)
        assert (row.period_start, row.period_end, row.period_text) == parse_period(expected.period)
        assert row.responsible_positions == list(expected.responsible)
        assert (row.cadence, row.cadence_text) == parse_cadence(expected.cadence)
        assert row.status == parse_status(expected.result)[0]
    # Officers appear by position title, never by the seed's personal names.
    positions = {p for row in rows for p in row.responsible_positions}
    assert "รอง สว.ตม.จว.กาฬสินธุ์" in positions and "ผบ.หมู่ งานอำนวยการ" in positions
    assert not any("วรินทร์" in p or "สุรศักดิ์" in p for p in positions)

    assert ProgressUpdate.objects.filter(row__assessment=assessment).count() == len(demo.UPDATES)
    assert ProgressPhoto.objects.count() == sum(1 for u in demo.UPDATES if u[5])

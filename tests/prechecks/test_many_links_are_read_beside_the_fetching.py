"""Many links (from 64) are read and checked by a helper process while the fetching goes on:
the verdicts, reasons and texts are those of reading them in the fetching loop itself."""

from __future__ import annotations

from typing import Any

import pytest

from prongsai.prechecks import engine
from prongsai.prechecks.engine import check_urls, item_context

from .helpers import MONTHS_H1, monthly_report
from .server import LocalSite

pytestmark = pytest.mark.django_db


def _verdicts(assessment: Any, urls: list[str]) -> list[tuple[Any, ...]]:
    outcomes = check_urls(item_context(assessment, "O6"), urls)
    return [
        (
            o.status,
            tuple((c.name, c.status, c.reason) for c in o.checks),
            o.documents[0][0].extracted.text,
        )
        for o in outcomes
    ]


def test_a_helper_process_gives_the_same_verdicts_as_the_loop(
    assessment: Any, unit_on_site: Any, site: LocalSite, settings: Any, monkeypatch: Any
) -> None:
    assessment.unit.refresh_from_db()
    complete, short = monthly_report(MONTHS_H1), monthly_report(MONTHS_H1[:5])
    urls = [site.route(f"/o6/{n}", short if n % 5 == 0 else complete) for n in range(70)]
    assert len(urls) >= engine.PARALLEL_FROM

    forked: list[bool] = []
    pool = engine._reading_pool

    def watched(count: int, ctx: Any) -> Any:
        started = pool(count, ctx)
        forked.append(started is not None)
        return started

    monkeypatch.setattr(engine, "_reading_pool", watched)

    settings.PRECHECK_READ_PROCESSES = 1
    in_helper = _verdicts(assessment, urls)
    settings.PRECHECK_READ_PROCESSES = 0
    in_loop = _verdicts(assessment, urls)

    assert forked == [True, False]  # a helper process the first time, none the second
    assert in_helper == in_loop
    periods = [{c[0]: c[1] for c in checks}["period"] for _s, checks, _t in in_helper]
    assert periods.count("warn") == 14 and periods.count("pass") == 56

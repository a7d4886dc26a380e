"""The demo checks the seed unit's evidence (no network: a stand-in transport answers for its
links): the pages and files kept in the product pass, one link fails on purpose (the moved map
page of O4) and the links off the unit's website warn; loading again checks nothing twice."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from prongsai.demo import complaints as demo_complaints
from prongsai.demo import prechecks as demo_prechecks
from prongsai.demo.base import load_base
from prongsai.demo.disclosures import load_demo
from prongsai.prechecks.models import CheckRun, ItemVerdict


@pytest.fixture
def demo(db: None, django_capture_on_commit_callbacks: Any) -> Any:
    with transaction.atomic():
        ctx = load_base()
    # The demo's order: O16 takes its generated statistics first; their files are rendered on
    # commit (the test's transaction never commits: run the callbacks as demo_load's commit does).
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        demo_complaints.load_demo(ctx)
    with transaction.atomic():
        load_demo(ctx)
    with transaction.atomic():
        demo_prechecks.load_demo(ctx)
    return ctx


def test_kalasins_evidence_is_checked_with_one_failing_link(demo: Any) -> None:
    verdicts = {
        v.work.item.code: v
        for v in ItemVerdict.objects.filter(work__assessment=demo.assessment).select_related(
            "work__item"
        )
    }
    assert len(verdicts) == 24
    failing = {code for code, v in verdicts.items() if v.status == "fail"}
    assert failing == {"O4"}, {c: verdicts[c].reasons for c in failing}
    (reason,) = verdicts["O4"].reasons
    assert reason["url"] == demo_prechecks.FAILING_LINK and "404" in reason["reason"]
    # Warnings come from links, never from the product's own pages and files.
    for v in verdicts.values():
        for r in v.reasons:
            assert r["url"] or r["name"] == "format", (v.work.item.code, r)
    assert verdicts["O5"].status == "warn"  # the unit's Facebook page
    assert sum(v.status == "pass" for v in verdicts.values()) >= 17

    with transaction.atomic():
        demo_prechecks.load_demo(demo)
    assert CheckRun.objects.filter(assessment=demo.assessment).count() == 1

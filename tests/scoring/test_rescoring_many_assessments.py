"""Rescoring in bulk gives exactly what scoring one assessment at a time gives."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction

from prongsai.assessments.services import assessment_open
from prongsai.disclosures import services
from prongsai.scoring.models import ScoreSnapshot
from prongsai.scoring.national import rescore_all
from prongsai.scoring.services import snapshot_refresh
from prongsai.surveys.services import tally_add

from ..conftest import Tree
from ..disclosures.helpers import add_link, review_all, work


def test_bulk_rescoring_matches_one_by_one(tree: Tree, framework: Any, assessment: Any) -> None:
    sibling = assessment_open(
        actor="tests",
        unit=tree.sibling,
        framework=framework,
        headcount_internal=45,
        headcount_external=5200,
    )
    add_link(assessment, "O1")
    add_link(assessment, "O2")
    add_link(sibling, "O1")
    review_all(
        services.work_submit(actor="tests", work=work(assessment, "O1")), "pass", action="complete"
    )
    review_all(
        services.work_submit(actor="tests", work=work(assessment, "O2")),
        "fail",
        action="return",
        comment="ขาดข้อมูลเดือนมีนาคม",
    )
    with transaction.atomic():
        tally_add(assessment=assessment, instrument="IIT", answers={"i1.1": 4, "i1.2": 3, "i2": 4})
        tally_add(assessment=assessment, instrument="EIT", answers={"e1": 3, "e2": 4})
        tally_add(assessment=sibling, instrument="EIT", answers={"e1": 1, "e3": 2})
    assessment.refresh_from_db()
    sibling.refresh_from_db()
    stats = rescore_all(assessment_ids=[assessment.pk, sibling.pk], chunk_size=1)
    assert stats.assessments == 2
    bulk = {
        s.assessment_id: s.result
        for s in ScoreSnapshot.objects.filter(assessment__in=[assessment, sibling])
    }
    one_by_one = {a.pk: snapshot_refresh(a).result for a in (assessment, sibling)}
    assert bulk == one_by_one
    assert bulk[assessment.pk]["respondents"]["IIT"]["count"] == 1
    assert bulk[sibling.pk]["respondents"]["EIT"]["target"] == 400
    assert bulk[assessment.pk]["oit"] == {"passed": 1, "items": 24, "assessed": 2, "with_data": 2}
    assert bulk[sibling.pk]["oit"]["with_data"] == 1


def test_command_rescores_a_subtree(tree: Tree, assessment: Any) -> None:
    out = StringIO()
    call_command("ita_rescore", "--under", tree.division.slug, "--year", "2567", stdout=out)
    assert "rescored 1 assessment(s)" in out.getvalue()
    assert ScoreSnapshot.objects.filter(assessment=assessment).count() == 1

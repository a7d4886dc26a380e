"""Reconstructed frameworks may list items whose criteria are still to be written: the evaluator
then gives one decision for the whole item, and the score reads it."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prongsai.assessments.services import assessment_open
from prongsai.disclosures import services
from prongsai.disclosures.models import ItemResult, WorkState
from prongsai.disclosures.selectors import oit_scoring_inputs
from prongsai.frameworks.loader import framework_load, read_definition
from prongsai.frameworks.models import Item
from prongsai.frameworks.shipped import definition_path

from ..conftest import Personas, Tree
from .conftest import item_url


@pytest.fixture
def general(tree: Tree) -> Any:
    data, problems = read_definition(definition_path("ita-2566-general.yaml"))
    assert not problems
    framework = framework_load(
        actor="tests", data=copy.deepcopy(data), source_name="2566"
    ).framework
    return assessment_open(actor="tests", unit=tree.unit, framework=framework)


def _bare_item(assessment: Any) -> Item:
    item = Item.objects.filter(framework=assessment.framework, criteria__isnull=True).first()
    assert item is not None
    return item


def test_the_evaluator_decides_the_whole_item(client: Any, people: Personas, general: Any) -> None:
    item = _bare_item(general)
    evidence = services.evidence_add_link(
        actor="tests", assessment=general, item=item, title="หลักฐาน", url="https://e.go.th/x"
    )
    services.work_submit(actor="tests", work=evidence.work)
    client.force_login(people.evaluator)
    url = item_url("review", code=item.code).replace("/2567/", "/2566/")
    html = client.get(url).content.decode()
    assert 'name="decision"' in html
    client.post(url, {"action": "complete"})  # no decision yet: refused, nothing changes
    evidence.work.refresh_from_db()
    assert evidence.work.state == WorkState.SUBMITTED
    client.post(url, {"action": "complete", "decision": "pass"})
    evidence.work.refresh_from_db()
    assert (evidence.work.state, evidence.work.result) == (WorkState.ACCEPTED, ItemResult.PASS)
    assert oit_scoring_inputs(general)[0] == {item.code: {"criteria": {}, "decision": "pass"}}


def test_completing_without_a_decision_is_refused(general: Any) -> None:
    item = _bare_item(general)
    evidence = services.evidence_add_link(
        actor="tests", assessment=general, item=item, title="หลักฐาน", url="https://e.go.th/x"
    )
    submitted = services.work_submit(actor="tests", work=evidence.work)
    with pytest.raises(ValidationError):
        services.review_save(actor="tests", work=submitted, criteria={}, action="complete")

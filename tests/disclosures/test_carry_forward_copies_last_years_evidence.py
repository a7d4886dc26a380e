"""Opening the 2568 assessment (a framework that carries forward from 2567) starts it with the
unit's 2567 evidence, as unpublished drafts."""

from __future__ import annotations

import copy
from typing import Any

from prongsai.assessments.services import assessment_open
from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, ItemWork, StoredFile, WorkState
from prongsai.disclosures.richtext import image_url
from prongsai.disclosures.selectors import item_history, oit_scoring_inputs
from prongsai.frameworks.loader import framework_load, read_definition
from prongsai.frameworks.shipped import definition_path

from ..conftest import Tree
from .helpers import add_link, add_page, add_png, item, png_bytes, review_all, upload, work


def _framework_2568() -> Any:
    data, problems = read_definition(definition_path("ita-2568-police.yaml"))
    assert not problems
    return framework_load(actor="tests", data=copy.deepcopy(data), source_name="2568").framework


def test_opening_2568_copies_2567_evidence_as_drafts(assessment: Any, tree: Tree) -> None:
    link = add_link(assessment, "O1")
    add_png(assessment, "O1")
    page = services.evidence_add_page(
        actor="tests",
        assessment=assessment,
        item=item(assessment, "O18"),
        title="กิจกรรมหัวหน้า",
        body_html="<p>กิจกรรม</p>",
        images=[upload("head.png", png_bytes())],
    )
    picture = page.images.get()
    services.evidence_update(
        actor="tests",
        evidence=page,
        title=page.title,
        period_start=None,
        period_end=None,
        body_html=f'<p><img src="{image_url(picture.pk)}" alt="กิจกรรม"></p>',
    )
    review_all(
        services.work_submit(actor="tests", work=work(assessment, "O1")), "pass", action="complete"
    )

    framework = _framework_2568()
    assert framework.carry_forward_from == assessment.framework
    new = assessment_open(actor="tests", unit=tree.unit, framework=framework)

    works = ItemWork.objects.filter(assessment=new)
    assert {w.item.code for w in works} == {"O1", "O18"}
    assert all(w.state == WorkState.DRAFT for w in works)
    copied = Evidence.objects.filter(work__assessment=new).order_by(
        "work__item__position", "position"
    )
    assert [e.title for e in copied] == [link.title, "chart", "กิจกรรมหัวหน้า"]
    assert not any(e.is_published for e in copied)  # the unit checks and publishes them again
    assert all(e.carried_from_id for e in copied)
    assert copied[1].file_id == work(assessment, "O1").evidence.get(kind="file").file_id  # shared
    new_page = copied[2]
    assert image_url(picture.pk) in new_page.body_html and list(new_page.images.all()) == [picture]
    assert oit_scoring_inputs(new) == ({}, set())
    # The 2567 work is untouched and the copy is in the item's history.
    assert work(assessment, "O1").state == WorkState.ACCEPTED
    assert item_history(works.get(item__code="O1"))[0].action == "oit.carry_forward"
    # Removing the copy keeps the file, which the 2567 evidence still shows.
    services.evidence_delete(actor="tests", evidence=copied[1])
    assert StoredFile.objects.filter(pk=str(copied[1].file_id)).exists()


def test_other_units_and_empty_items_are_not_copied(
    assessment: Any, sibling_assessment: Any, tree: Tree
) -> None:
    add_page(sibling_assessment, "O2")
    framework = _framework_2568()
    new = assessment_open(actor="tests", unit=tree.unit, framework=framework)
    assert not Evidence.objects.filter(work__assessment=new).exists()


def test_running_the_copy_again_does_not_duplicate(assessment: Any, tree: Tree) -> None:
    add_link(assessment, "O3")
    new = assessment_open(actor="tests", unit=tree.unit, framework=_framework_2568())
    assert services.evidence_carry_forward(actor="tests", assessment=new) == 0
    assert Evidence.objects.filter(work__assessment=new).count() == 1

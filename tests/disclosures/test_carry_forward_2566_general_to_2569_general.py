"""Opening the 2569 general-agency assessment copies the unit's 2566 evidence into the 2569 items
the carry-forward map names (merged items take the evidence of each), nothing into items without
a counterpart, and never a “none in this period” statement; a 2570 assessment on the same 2569
framework continues the 2569 items one for one."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.services import assessment_open
from prongsai.disclosures import services
from prongsai.disclosures.models import Evidence, ItemWork, WorkState

from ..conftest import Tree
from .helpers import add_link, item, work


def _titles(assessment: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in Evidence.objects.filter(work__assessment=assessment).order_by(
        "work__item__position", "position"
    ):
        out.setdefault(e.work.item.code, []).append(e.title)
    return out


def test_2566_evidence_goes_where_the_map_says(
    tree: Tree, general_2566: Any, general_2569: Any
) -> None:
    old = assessment_open(actor="tests", unit=tree.unit, framework=general_2566)
    for code in ("O1", "O3", "O5", "O8", "O21", "O29", "O4", "O22"):
        add_link(old, code, title=f"2566 {code}")
    services.work_save_answer(
        actor="tests",
        assessment=old,
        item=item(old, "O3"),
        answer_text="อำนาจหน้าที่ตามกฎกระทรวง",
        owner=None,
        checks={},
    )

    new = assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2569)

    assert _titles(new) == {
        "O1": ["2566 O1", "2566 O3"],  # structure + powers and duties, merged
        "O3": ["2566 O5", "2566 O8"],  # contact + Q&A, merged
        "O11": ["2566 O21"],  # monthly procurement: this year's …
        "O12": ["2566 O21"],  # … and the previous year's twelve
        "O18": ["2566 O29"],  # complaint statistics
    }
    # 2566 O4 (strategic plan) and O22 (annual procurement report) have no 2569 counterpart.
    assert not Evidence.objects.filter(work__assessment=new, title__in=["2566 O4", "2566 O22"])
    copies = Evidence.objects.filter(work__assessment=new)
    assert not any(e.is_published for e in copies) and all(e.carried_from_id for e in copies)
    o1 = work(new, "O1")
    assert o1.state == WorkState.DRAFT and o1.carried_from == work(old, "O1")
    assert o1.answer_text == "อำนาจหน้าที่ตามกฎกระทรวง"
    # Unknown items (O2, O5–O7) start empty.
    assert not ItemWork.objects.filter(assessment=new, item__code__in=["O2", "O5", "O6", "O7"])


def test_statements_are_not_carried_and_the_same_framework_continues_one_for_one(
    tree: Tree, general_2569: Any
) -> None:
    first = assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2569)
    services.evidence_add_statement(actor="tests", assessment=first, item=item(first, "O18"))
    add_link(first, "O12", title="สรุปผลการจัดซื้อจัดจ้าง 2568")
    add_link(first, "O2", title="รายการ O2")

    later = assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2570)

    assert _titles(later) == {"O2": ["รายการ O2"], "O12": ["สรุปผลการจัดซื้อจัดจ้าง 2568"]}
    assert not Evidence.objects.filter(work__assessment=later, kind=Evidence.Kind.STATEMENT)

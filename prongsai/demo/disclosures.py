"""Demo OIT data (idempotent): the seed's unit with all 24 items and their evidence, mostly
accepted by the division's evaluator and two returned with comments; a few submitted items in the
neighbouring units so the evaluator's queue spans units.

Everything goes through the services (so it is validated and audited like real work). Each step
looks at the current state first, so running the loader again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from prongsai.assessments.models import Assessment
from prongsai.disclosures import services
from prongsai.disclosures.models import (
    Evidence,
    ItemResult,
    ItemWork,
    ReviewResult,
    SelfCheck,
    WorkState,
)
from prongsai.disclosures.richtext import image_url
from prongsai.frameworks.models import Item

from .clock import demo_day
from .disclosures_content import CLARIFICATION_O14, PLANS, RETURNS, SITE, Ev, Plan

if TYPE_CHECKING:  # the demo app sits above every app; only its context type is needed here
    from prongsai.demo.context import DemoContext

ACTOR = "demo_load"

# The story's days (FY 2567): the unit gathers the first six months' evidence at the start of
# April, submits it, the division's evaluator reviews in the second half of April, and the unit
# answers the returned O14 with a clarification early in May.
EVIDENCE_FROM = dt.date(2024, 4, 1)
SUBMITTED_ON = dt.date(2024, 4, 5)
REVIEW_FROM = dt.date(2024, 4, 22)
CLARIFIED_ON = dt.date(2024, 5, 2)
NEIGHBOURS_SUBMIT_ON = dt.date(2024, 4, 8)


def _upload(maker: Any) -> SimpleUploadedFile:
    name, content = maker()
    return SimpleUploadedFile(name, content)


def _add(actor: Any, assessment: Assessment, item: Item, ev: Ev) -> Evidence:
    start, end = ev.period if ev.period else (None, None)
    common: dict[str, Any] = {
        "actor": actor,
        "assessment": assessment,
        "item": item,
        "period_start": start,
        "period_end": end,
        "publish": True,
    }
    if ev.kind == "link":
        return services.evidence_add_link(title=ev.title, url=ev.url, **common)
    if ev.kind == "file":
        assert ev.file is not None
        return services.evidence_add_file(upload=_upload(ev.file), title=ev.title, **common)
    images = [_upload(ev.image)] if ev.image else []
    page = services.evidence_add_page(
        title=ev.title, body_html=ev.body.replace("{image}", ""), images=images, **common
    )
    picture = page.images.first()
    if picture is not None and "{image}" in ev.body:
        tag = f'<img src="{image_url(picture.pk)}" alt="{escape(ev.title)}">'
        page = services.evidence_update(
            actor=actor,
            evidence=page,
            title=page.title,
            period_start=page.period_start,
            period_end=page.period_end,
            body_html=ev.body.replace("{image}", tag),
        )
    return page


def _fill(
    actor: Any, assessment: Assessment, item: Item, plan: Plan, owner: Any, partly: dict[str, str]
) -> ItemWork:
    for ev in plan.evidence:
        _add(actor, assessment, item, ev)
    checks = {
        c.code: services.CriterionCheckInput(
            self_check=SelfCheck.PARTLY if c.code in partly else SelfCheck.MET,
            note=partly.get(c.code, ""),
        )
        for c in item.criteria.all()
    }
    return services.work_save_answer(
        actor=actor,
        assessment=assessment,
        item=item,
        answer_text=plan.answer,
        owner=owner,
        checks=checks,
    )


def _review(evaluator: Any, work: ItemWork) -> ItemWork:
    code = work.item.code
    failing, comment, private = RETURNS.get(code, ({}, "", ""))
    criteria = {
        c.code: services.CriterionReviewInput(
            result=ReviewResult.FAIL if c.code in failing else ReviewResult.PASS,
            comment=failing.get(c.code, ""),
        )
        for c in work.item.criteria.all()
    }
    return services.review_save(
        actor=evaluator,
        work=work,
        criteria=criteria,
        comment=comment or ("" if failing else "ครบถ้วนตามเกณฑ์"),
        private_note=private,
        action="return" if failing else "complete",
    )


def _load_seed_unit(ctx: DemoContext) -> None:
    assessment = ctx.assessment
    editor = ctx.users["kalasin-editor"]
    admin = ctx.users["kalasin-admin"]
    evaluator = ctx.users["division4-evaluator"]
    items = {i.code: i for i in Item.objects.filter(framework=assessment.framework)}
    for index, (code, plan) in enumerate(PLANS.items()):
        item = items.get(code)
        if item is None:
            continue
        work = ItemWork.objects.filter(assessment=assessment, item=item).first()
        # Items O4 and O16 may already hold the evidence the complaint and Q&A channels
        # generate (their steps run first): what is missing then is the unit's answer.
        if work is None or not work.answer_text:
            partly = {"O10.1": "ไฟล์ CSV เดือนมีนาคมอยู่ระหว่างจัดทำ"} if code == "O10" else {}
            owner = editor if index % 3 else admin
            day = EVIDENCE_FROM + dt.timedelta(days=index // 6)
            with demo_day(day, hour=9 + index % 6):
                work = _fill(editor, assessment, item, plan, owner, partly)
        if work.state == WorkState.DRAFT:
            with demo_day(SUBMITTED_ON, hour=10, minute=index):
                work = services.work_submit(actor=editor, work=work)
        if work.state == WorkState.SUBMITTED:
            day = REVIEW_FROM + dt.timedelta(days=index // 8)
            with demo_day(day, hour=9 + index % 8):
                work = _review(evaluator, work)
        if code == "O14" and work.result == ItemResult.FAIL and not work.clarification_text:
            with demo_day(CLARIFIED_ON, hour=14):
                services.work_save_clarification(actor=admin, work=work, text=CLARIFICATION_O14)


# unit slug → [(item code, submit?)]
NEIGHBOURS = {
    "khonkaen-immigration": [("O1", True), ("O2", True), ("O3", True)],
    "mahasarakham-immigration": [("O1", True), ("O17", True)],
    "roiet-immigration": [("O4", True), ("O5", False)],
    "donmueang-immigration": [("O1", True)],  # another division: not in division 4's queue
}


def _load_neighbours(ctx: DemoContext) -> None:
    for slug, entries in NEIGHBOURS.items():
        assessment = ctx.assessments.get(slug)
        if assessment is None:
            continue
        unit = assessment.unit
        actor = ctx.users.get("khonkaen-admin") if slug == "khonkaen-immigration" else ACTOR
        site = unit.website.rstrip("/") or SITE
        for index, (code, submit) in enumerate(entries):
            item = Item.objects.filter(framework=assessment.framework, code=code).first()
            if item is None:
                continue
            with demo_day(EVIDENCE_FROM + dt.timedelta(days=2), hour=10 + index):
                work = _load_neighbour_item(actor, assessment, item, site)
            if submit and work.state == WorkState.DRAFT:
                with demo_day(NEIGHBOURS_SUBMIT_ON, hour=11 + index):
                    services.work_submit(actor=actor, work=work)


def _load_neighbour_item(actor: Any, assessment: Assessment, item: Item, site: str) -> ItemWork:
    work = ItemWork.objects.filter(assessment=assessment, item=item).first()
    if work is not None and work.evidence.exists():
        return work
    unit = assessment.unit
    services.evidence_add_page(
        actor=actor,
        assessment=assessment,
        item=item,
        title=f"{item.title_th} ({unit.short_name_th or unit.name_th})",
        body_html=(
            f"<p>{item.description_th}</p>"
            f"<p>{unit.name_th} เผยแพร่ข้อมูลนี้ประจำปีงบประมาณ พ.ศ. {assessment.year}</p>"
        ),
        period_start=item.period_start,
        period_end=item.period_end,
    )
    return services.evidence_add_link(
        actor=actor,
        assessment=assessment,
        item=item,
        title=f"{item.code} บนเว็บไซต์หน่วยงาน",
        url=f"{site}/oit/{item.code.lower()}",
        period_start=item.period_start,
        period_end=item.period_end,
    ).work


def load_demo(ctx: DemoContext) -> None:
    if not ctx.assessments:
        return
    _load_seed_unit(ctx)
    _load_neighbours(ctx)

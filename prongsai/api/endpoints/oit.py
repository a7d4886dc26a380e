"""OIT items of an assessment: state, evidence, public URLs and the evaluator's results once
released (never a draft review or a private note); evidence links written through the
disclosures services."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import Count
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool

from prongsai.disclosures.models import CriterionWork, Evidence, ItemWork, WorkState
from prongsai.disclosures.selectors import evidence_of, item_of, public_item_url, work_of
from prongsai.disclosures.services import evidence_add_link
from prongsai.frameworks.models import Item
from prongsai.organizations.access import Capability
from prongsai.prechecks.models import ItemVerdict

from ..auth import assessment_for, unit_for, user_of
from ..facts import checks_by_evidence, evidence_facts
from ..params import CleanText, Filters, ItemCode, OptionalDay, Slug, Year, page_of
from .common import READ_ERRORS, TOKEN, WRITE_ERRORS

router = Router(tags=["oit"], auth=TOKEN)

STATES = "|".join(WorkState.values)


class OitItemOut(Schema):
    code: str
    stable_id: str
    title_th: str
    title_en: str
    indicator: str
    sub_indicator: str
    state: str
    result: str | None = Field(description="The released result (pass/fail), else null")
    released_at: dt.datetime | None
    evidence_published: int
    public_url: str
    updated_at: dt.datetime | None


class OitItemPage(Schema):
    count: int
    page: int
    per_page: int
    next_page: int | None
    results: list[OitItemOut]


class EvidenceOut(Schema):
    id: str
    kind: str
    title: str
    url: str
    period_start: dt.date | None
    period_end: dt.date | None
    content_type: str | None
    sha256: str | None
    last_updated: dt.datetime
    published: bool
    published_at: dt.datetime | None
    precheck: str | None


class CriterionResultOut(Schema):
    code: str
    text_th: str
    text_en: str
    result: str | None
    comment: str


class OitItemDetail(OitItemOut):
    answer: str
    review_comment: str
    criteria: list[CriterionResultOut]
    evidence: list[EvidenceOut]
    precheck: str | None


class EvidenceLinkIn(Schema):
    title: CleanText = Field(min_length=1, max_length=300)
    url: CleanText = Field(min_length=1, max_length=2000, pattern=r"^https?://\S+$")
    period_start: OptionalDay = None
    period_end: OptionalDay = None
    publish: StrictBool = True


def _item_out(
    item: Item, work: ItemWork | None, published: int, slug: str, year: int
) -> dict[str, Any]:
    released = work is not None and work.review_released
    return {
        "code": item.code,
        "stable_id": item.stable_id,
        "title_th": item.title_th,
        "title_en": item.title_en,
        "indicator": item.indicator.code,
        "sub_indicator": item.sub_indicator.code,
        "state": work.state if work else WorkState.DRAFT.value,
        "result": (work.result or None) if work and released else None,
        "released_at": work.released_at if work and released else None,
        "evidence_published": published,
        "public_url": public_item_url(slug, year, item.code),
        "updated_at": work.updated_at if work else None,
    }


StateFilter = Annotated[
    str | None, Query(pattern=f"^({STATES})$", description="Only items in this state")
]


@router.get(
    "/units/{slug}/assessments/{year}/oit-items",
    response={200: OitItemPage, **READ_ERRORS},
    summary="The assessment's OIT items in the framework's order",
)
def oit_items(
    request: HttpRequest, slug: Slug, year: Year, filters: Filters, state: StateFilter = None
) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    # Plain rows, not model instances: this list is what dashboards poll.
    items = Item.objects.filter(framework_id=assessment.framework_id).order_by("position")
    rows = items.values_list(
        "pk", "code", "stable_id", "title_th", "title_en", "indicator__code", "sub_indicator__code"
    )
    works = {
        w[0]: w
        for w in ItemWork.objects.filter(assessment=assessment).values_list(
            "item_id", "state", "result", "released_at", "updated_at"
        )
    }
    published = dict(
        Evidence.objects.filter(work__assessment=assessment, is_published=True)
        .values_list("work__item_id")
        .annotate(n=Count("pk"))
        .values_list("work__item_id", "n")
        .order_by()
    )
    public_base = public_item_url(slug, year, "CODE").removesuffix("CODE/")
    selected = []
    for pk, code, stable_id, title_th, title_en, indicator, sub_indicator in rows:
        work = works.get(pk)
        item_state = work[1] if work else WorkState.DRAFT.value
        if state and item_state != state:
            continue
        if filters.modified_since and (work is None or work[4] <= filters.modified_since):
            continue
        released = work is not None and work[3] is not None
        selected.append(
            {
                "code": code,
                "stable_id": stable_id,
                "title_th": title_th,
                "title_en": title_en,
                "indicator": indicator,
                "sub_indicator": sub_indicator,
                "state": item_state,
                "result": (work[2] or None) if work and released else None,
                "released_at": work[3] if work and released else None,
                "evidence_published": published.get(pk, 0),
                "public_url": f"{public_base}{code}/",
                "updated_at": work[4] if work else None,
            }
        )
    return page_of(selected, filters)


def _detail(slug: str, year: int, assessment: Any, code: str) -> dict[str, Any]:
    item = item_of(assessment, code)
    if item is None:
        raise Http404
    work = work_of(assessment, item)
    evidence = evidence_of(work)
    checks = checks_by_evidence(e.pk for e in evidence)
    released = work is not None and work.review_released
    rows = {r.criterion_id: r for r in CriterionWork.objects.filter(work=work)} if released else {}
    verdict = ItemVerdict.objects.filter(work=work).only("status").first() if work else None
    published = sum(1 for e in evidence if e.is_published)
    return {
        **_item_out(item, work, published, slug, year),
        "answer": work.answer_text if work else "",
        "review_comment": work.review_comment if work and released else "",
        "criteria": [
            {
                "code": c.code,
                "text_th": c.text_th,
                "text_en": c.text_en,
                "result": (rows[c.pk].result or None) if c.pk in rows else None,
                "comment": rows[c.pk].comment if c.pk in rows else "",
            }
            for c in item.criteria.all()
        ],
        "evidence": [
            evidence_facts(
                e, unit_slug=slug, year=year, code=item.code, check=checks.get(e.pk)
            ).as_dict()
            for e in evidence
        ],
        "precheck": verdict.status if verdict else None,
    }


@router.get(
    "/units/{slug}/assessments/{year}/oit-items/{code}",
    response={200: OitItemDetail, **READ_ERRORS},
    summary="One OIT item: evidence (published or not), released review results, pre-check",
)
def oit_item(request: HttpRequest, slug: Slug, year: Year, code: ItemCode) -> dict[str, Any]:
    assessment = assessment_for(unit_for(request, slug), year)
    return _detail(slug, year, assessment, code)


@router.post(
    "/units/{slug}/assessments/{year}/oit-items/{code}/evidence-links",
    response={201: EvidenceOut, **WRITE_ERRORS},
    summary="Add a public link as evidence (an editor's or admin's right; read-write token)",
)
def oit_evidence_link_add(
    request: HttpRequest, slug: Slug, year: Year, code: ItemCode, payload: EvidenceLinkIn
) -> Status[dict[str, Any]]:
    access = unit_for(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access, year)
    item = item_of(assessment, code)
    if item is None:
        raise Http404
    evidence = evidence_add_link(
        actor=user_of(request),
        assessment=assessment,
        item=item,
        title=payload.title,
        url=payload.url,
        period_start=payload.period_start,
        period_end=payload.period_end,
        publish=payload.publish,
    )
    stored = Evidence.objects.select_related("file").get(pk=evidence.pk)
    facts = evidence_facts(stored, unit_slug=slug, year=year, code=item.code, check=None)
    return Status(201, facts.as_dict())

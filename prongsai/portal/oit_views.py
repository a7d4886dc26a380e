"""Public OIT pages: no log-in, only published evidence, stable URLs.

These are the URLs a unit pastes into the national ITA system: one page per item of every unit
and year (``portal:oit_item``), an index per unit and year (``portal:oit_index``), a page per
system-written evidence page, and the files. Nothing here reads the evaluator's private notes or
anything not published.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import item_period
from prongsai.core.routing import public
from prongsai.disclosures import selectors
from prongsai.disclosures.files import file_response
from prongsai.disclosures.models import Evidence, StoredFile
from prongsai.disclosures.services.statements import statement_text
from prongsai.frameworks.models import Item
from prongsai.organizations.access import Capability, access_for
from prongsai.organizations.models import Unit
from prongsai.publications.selectors import published_for_item

from .pagecache import cached_public_page


def _assessment(slug: str, year: int) -> Assessment:
    assessment = (
        Assessment.objects.filter(unit__slug=slug, unit__is_active=True, year=year)
        .select_related("unit", "framework")
        .first()
    )
    if assessment is None:
        raise Http404("No such unit or year")
    return assessment


def _item(assessment: Assessment, code: str) -> Item:
    item = selectors.item_of(assessment, code)
    if item is None:
        raise Http404("No such item")
    return item


def _page_context(assessment: Assessment, **extra: Any) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "unit": assessment.unit,
        "year": assessment.year,
        "framework": assessment.framework,
        **extra,
    }


@public
@cached_public_page
def oit_index(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    assessment = _assessment(slug, year)
    tree = selectors.framework_tree(assessment)
    rows = [row for ind in tree for group in ind.groups for row in group.rows]
    return render(
        request,
        "portal/oit_index.html",
        _page_context(
            assessment,
            tree=tree,
            total=len(rows),
            with_data=sum(1 for row in rows if row.evidence_published),
        ),
    )


@public
@cached_public_page
def oit_item(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    assessment = _assessment(slug, year)
    item = _item(assessment, code)
    work = selectors.work_of(assessment, item)
    evidence = selectors.evidence_of(work, published_only=True)
    # Documents the unit publishes from its records (prongsai.publications) are listed by
    # period; their links, also stored as evidence, are not listed twice.
    published = published_for_item(assessment.unit, assessment.year, item.code)
    paths = {f.url for block in published for row in block.periods for f in row.files}
    evidence = [
        e for e in evidence if not (e.kind == Evidence.Kind.LINK and urlsplit(e.url).path in paths)
    ]
    period = item_period(assessment, item.code)
    start, end = (period.start, period.end) if period else (None, None)
    starts = [e.period_start for e in evidence if e.period_start]
    ends = [e.period_end for e in evidence if e.period_end]
    if starts or ends:
        start, end = (min(starts) if starts else None), (max(ends) if ends else None)
    updated = max((e.published_at or e.updated_at for e in evidence), default=None)
    return render(
        request,
        "portal/oit_item.html",
        _page_context(
            assessment,
            item=item,
            criteria=list(item.criteria.all()),
            evidence=evidence,
            period_start=start,
            period_end=end,
            updated=updated,
            sub=item.sub_indicator,
            statement=statement_text(assessment, item),
            published=published,
        ),
    )


@public
@cached_public_page
def oit_page(
    request: HttpRequest, slug: str, year: int, code: str, evidence_id: str
) -> HttpResponse:
    """A page written in the system, on its own (published only)."""
    assessment = _assessment(slug, year)
    item = _item(assessment, code)
    evidence = get_object_or_404(
        Evidence,
        pk=evidence_id,
        kind=Evidence.Kind.PAGE,
        is_published=True,
        work__assessment=assessment,
        work__item=item,
    )
    return render(
        request,
        "portal/oit_page.html",
        _page_context(assessment, item=item, page=evidence),
    )


@public
def oit_file(request: HttpRequest, stored_file_id: str) -> HttpResponseBase:
    """A file of published evidence (anyone), or of unpublished evidence (the unit's members and
    its evaluators only; everyone else gets 404)."""
    stored = get_object_or_404(StoredFile.objects.select_related("unit"), pk=stored_file_id)
    published = selectors.file_is_published(stored)
    if not published:
        unit: Unit = stored.unit
        if not unit.is_active or not access_for(request.user, unit).has(Capability.VIEW):
            raise Http404("No such file")
    return file_response(stored, inline=request.GET.get("inline") == "1", public=published)

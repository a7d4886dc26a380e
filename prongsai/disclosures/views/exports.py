"""Exports of the OIT table (XLSX, CSV: generated documents; print view), the ITA links page and
the appeal pack (a generated document)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from prongsai.assessments.selectors import assessment_for
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import unit_access

from .. import exports, selectors
from ..document_kinds import APPEAL_PACK, OIT_TABLE, oit_params
from .common import unit_context


def _request(request: HttpRequest, slug: str, year: int, kind: str, fmt: str = "") -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    document = document_request(
        actor=request.user, access=access, kind=kind, params=oit_params(assessment, fmt)
    )
    return document_redirect(document)


@login_required
@require_POST
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _request(request, slug, year, OIT_TABLE, "xlsx")


@login_required
@require_POST
def export_csv(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _request(request, slug, year, OIT_TABLE, "csv")


@login_required
@require_POST
def appeal_pack(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _request(request, slug, year, APPEAL_PACK)


@login_required
def print_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    summaries = {s.code: s for s in selectors.oit_item_summaries(assessment)}
    return render(
        request,
        "disclosures/print.html",
        unit_context(
            access,
            assessment,
            tree=selectors.framework_tree(assessment, with_work=False),
            summaries=summaries,
            public_index=selectors.public_index_url(slug, year),
        ),
    )


@login_required
def links_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The public URL of every item, with copy buttons, to paste into the national ITA system."""
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    summaries = selectors.oit_item_summaries(assessment)
    links = [(s.code, s.public_url) for s in summaries]
    return render(
        request,
        "disclosures/links.html",
        unit_context(
            access,
            assessment,
            summaries=summaries,
            all_text=exports.ita_links_text(links),
            public_index=selectors.public_index_url(slug, year),
        ),
    )

"""Exports of the OIT table (XLSX, CSV, print), the ITA links page and the appeal pack."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from prongsai.assessments.selectors import assessment_for
from prongsai.organizations.access import unit_access

from .. import exports, selectors
from .common import unit_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    return _download(exports.oit_table_xlsx(assessment), XLSX, f"oit-{slug}-{year}.xlsx")


@login_required
def export_csv(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    return _download(
        exports.oit_table_csv(assessment), "text/csv; charset=utf-8", f"oit-{slug}-{year}.csv"
    )


@login_required
def appeal_pack(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    return _download(exports.appeal_pack_docx(assessment), DOCX, f"oit-appeal-{slug}-{year}.docx")


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

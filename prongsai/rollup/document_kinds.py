"""The roll-up's files as generated documents (``prongsai.documents``): the XLSX workbook
(overview as filtered, both heat maps, reporting rates) and the PDF summary for a meeting.

A document belongs to the unit whose subtree it shows; only those who may see that unit's
roll-up (viewers, admins, evaluators reaching down, platform admins) request and download it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability, UnitAccess
from prongsai.organizations.models import Unit

from .access import may_see_rollup
from .exporting import rollup_pdf, rollup_xlsx

XLSX = "rollup.xlsx"
PDF = "rollup.pdf"
FILTER_KEYS = ("text", "level", "kind", "status", "behind", "sort")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def export_params(year: int, filters: Mapping[str, Any], sort: str) -> dict[str, Any]:
    """JSON parameters: the year and the overview's filters (only those set)."""
    params: dict[str, Any] = {"year": year}
    for key in FILTER_KEYS[:-1]:
        value = filters.get(key)
        if value not in (None, ""):
            params[key] = value
    if sort and sort != "name":
        params["sort"] = sort
    return params


def _unit(job: RenderJob) -> Unit:
    return Unit.objects.get(pk=job.unit_id)


def render_xlsx(job: RenderJob) -> Rendered:
    unit = _unit(job)
    year = int(job.params["year"])
    return Rendered(
        content=rollup_xlsx(unit, year, job.params),
        file_name=f"overview-{unit.slug}-{year}.xlsx",
        content_type=CONTENT_TYPES["xlsx"],
    )


def render_pdf(job: RenderJob) -> Rendered:
    unit = _unit(job)
    year = int(job.params["year"])
    return Rendered(
        content=rollup_pdf(unit, year),
        file_name=f"overview-summary-{unit.slug}-{year}.pdf",
        content_type=CONTENT_TYPES["pdf"],
    )


def _xlsx_title(params: Mapping[str, Any]) -> str:
    return _("Overview of the units below, FY %(year)s (XLSX)") % {"year": params["year"]}


def _pdf_title(params: Mapping[str, Any]) -> str:
    return _("Overview summary for a meeting, FY %(year)s (PDF)") % {"year": params["year"]}


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "rollup:overview", kwargs={"slug": document.unit.slug, "year": document.params["year"]}
    )


def _allowed(access: UnitAccess, document: GeneratedDocument | None) -> bool:
    return may_see_rollup(access)


def register_kinds() -> None:
    for name, title, render in ((XLSX, _xlsx_title, render_xlsx), (PDF, _pdf_title, render_pdf)):
        register(
            DocumentKind(
                name=name,
                title=title,
                render=render,
                need=Capability.VIEW,
                allowed=_allowed,
                back=_back,
                tab="overview",
            )
        )

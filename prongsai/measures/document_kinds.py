"""The plan's files as generated documents (``prongsai.documents``): the XLSX that imports back
unchanged and the seed-shaped Word tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability

from .exporting import plan_docx, plan_xlsx

PLAN = "measures.plan"
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def plan_params(assessment: Assessment, fmt: str) -> dict[str, Any]:
    return {"assessment": str(assessment.pk), "year": assessment.year, "format": fmt}


def _title(params: Mapping[str, Any]) -> str:
    return _("Measures plan, FY %(year)s (%(format)s)") % {
        "year": params["year"],
        "format": str(params["format"]).upper(),
    }


def render_plan(job: RenderJob) -> Rendered:
    assessment = Assessment.objects.select_related("unit", "framework").get(
        pk=job.params["assessment"]
    )
    fmt = str(job.params["format"])
    content = plan_xlsx(assessment) if fmt == "xlsx" else plan_docx(assessment)
    return Rendered(
        content=content,
        file_name=f"plan-{assessment.unit.slug}-{assessment.year}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "measures:plan", kwargs={"slug": document.unit.slug, "year": document.params["year"]}
    )


def register_kinds() -> None:
    register(
        DocumentKind(
            name=PLAN,
            title=_title,
            render=render_plan,
            need=Capability.VIEW,
            back=_back,
            tab="plan",
        )
    )

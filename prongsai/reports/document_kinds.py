"""The report as a generated document (``prongsai.documents``): rendered by the task worker, from
the same builder and renderers the ``ita_report`` command uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability

from .builder import build_report
from .rendering import CONTENT_TYPES, render_report

REPORT = "reports.report"


def report_params(
    assessment: Assessment, *, round_: int, fmt: str, thai_digits: bool = False
) -> dict[str, Any]:
    return {
        "assessment": str(assessment.pk),
        "year": assessment.year,
        "round": round_,
        "format": fmt,
        "thai_digits": thai_digits,
    }


def _title(params: Mapping[str, Any]) -> str:
    return _("Integrity-measures report, %(round)s months, FY %(year)s (%(format)s)") % {
        "round": params["round"],
        "year": params["year"],
        "format": str(params["format"]).upper(),
    }


def render_report_document(job: RenderJob) -> Rendered:
    params = job.params
    assessment = Assessment.objects.select_related("unit", "framework").get(pk=params["assessment"])
    fmt = str(params["format"])
    report = build_report(
        assessment, round_=int(params["round"]), thai_digits_=bool(params.get("thai_digits"))
    )
    return Rendered(
        content=render_report(report, fmt),
        file_name=f"{report.file_stem}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "reports:index", kwargs={"slug": document.unit.slug, "year": document.params["year"]}
    )


def register_kinds() -> None:
    register(
        DocumentKind(
            name=REPORT,
            title=_title,
            render=render_report_document,
            need=Capability.VIEW,
            back=_back,
            tab="report",
        )
    )

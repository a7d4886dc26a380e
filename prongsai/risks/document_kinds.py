"""The register's files as generated documents (``prongsai.documents``): the O19 assessment and
plan (PDF, DOCX), the O20 results report of a round (PDF, DOCX) and the XLSX export.

Parameters: ``{"assessment": pk, "year": year}``; the O20 kinds also take ``round`` (6 or 12) or,
when published, the period (``h1`` = 6 months, ``h2``/``year`` = 12 months).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability

from . import documents
from .models import Register
from .spreadsheet import register_xlsx

ASSESSMENT_PDF = "risks.assessment_pdf"
ASSESSMENT_DOCX = "risks.assessment_docx"
RESULTS_PDF = "risks.results_pdf"
RESULTS_DOCX = "risks.results_docx"
REGISTER_XLSX = "risks.register_xlsx"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def register_params(assessment: Assessment, **extra: Any) -> dict[str, Any]:
    return {"assessment": str(assessment.pk), "year": assessment.year, **extra}


def round_of(params: Mapping[str, Any]) -> int:
    if "round" in params:
        return 6 if int(params["round"]) == 6 else 12
    return 6 if params.get("period") == "h1" else 12


def _register(job: RenderJob) -> Register:
    registers = Register.objects.select_related("assessment__unit", "assessment__framework")
    reg = None
    if job.params.get("assessment"):
        reg = registers.filter(assessment_id=str(job.params["assessment"])).first()
    if reg is None and job.unit_id is not None:
        reg = registers.filter(
            assessment__unit_id=job.unit_id, assessment__year=int(job.params["year"])
        ).first()
    if reg is None:
        raise DocumentError(_("This fiscal year has no risk register yet."))
    return reg


def _renderer(
    stem: str, fmt: str, build: Callable[[Register, Mapping[str, Any]], bytes]
) -> Callable[[RenderJob], Rendered]:
    def render(job: RenderJob) -> Rendered:
        reg = _register(job)
        assessment = reg.assessment
        suffix = f"-{round_of(job.params)}m" if stem == "risk-results" else ""
        return Rendered(
            content=build(reg, job.params),
            file_name=f"{stem}-{assessment.unit.slug}-{assessment.year}{suffix}.{fmt}",
            content_type=CONTENT_TYPES[fmt],
        )

    return render


def _assessment_title(fmt: str) -> Callable[[Mapping[str, Any]], str]:
    def title(params: Mapping[str, Any]) -> str:
        return _("Bribery-risk assessment and plan (O19), FY %(year)s (%(format)s)") % {
            "year": params["year"],
            "format": fmt.upper(),
        }

    return title


def _results_title(fmt: str) -> Callable[[Mapping[str, Any]], str]:
    def title(params: Mapping[str, Any]) -> str:
        return _("Bribery-risk results, %(round)s-month round (O20), FY %(year)s (%(format)s)") % {
            "round": round_of(params),
            "year": params["year"],
            "format": fmt.upper(),
        }

    return title


def _xlsx_title(params: Mapping[str, Any]) -> str:
    return _("Bribery-risk register, FY %(year)s (XLSX)") % {"year": params["year"]}


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "risks:register", kwargs={"slug": document.unit.slug, "year": document.params["year"]}
    )


def register_kinds() -> None:
    kinds = [
        (
            ASSESSMENT_PDF,
            _assessment_title("pdf"),
            _renderer("risk-assessment", "pdf", lambda r, p: documents.assessment_pdf(r)),
        ),
        (
            ASSESSMENT_DOCX,
            _assessment_title("docx"),
            _renderer("risk-assessment", "docx", lambda r, p: documents.assessment_docx(r)),
        ),
        (
            RESULTS_PDF,
            _results_title("pdf"),
            _renderer("risk-results", "pdf", lambda r, p: documents.results_pdf(r, round_of(p))),
        ),
        (
            RESULTS_DOCX,
            _results_title("docx"),
            _renderer("risk-results", "docx", lambda r, p: documents.results_docx(r, round_of(p))),
        ),
        (
            REGISTER_XLSX,
            _xlsx_title,
            _renderer("risk-register", "xlsx", lambda r, p: register_xlsx(r)),
        ),
    ]
    for name, title, render in kinds:
        register(
            DocumentKind(
                name=name, title=title, render=render, need=Capability.VIEW, back=_back, tab="risks"
            )
        )

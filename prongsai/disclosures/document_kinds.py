"""OIT files as generated documents (``prongsai.documents``): the OIT table (XLSX, CSV) and the
appeal pack (DOCX, official layout)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability

from . import exports

OIT_TABLE = "disclosures.oit_table"
APPEAL_PACK = "disclosures.appeal_pack"
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def oit_params(assessment: Assessment, fmt: str = "") -> dict[str, Any]:
    params: dict[str, Any] = {"assessment": str(assessment.pk), "year": assessment.year}
    if fmt:
        params["format"] = fmt
    return params


def _assessment(params: Mapping[str, Any]) -> Assessment:
    return Assessment.objects.select_related("unit", "framework").get(pk=params["assessment"])


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "disclosures:workspace",
        kwargs={"slug": document.unit.slug, "year": document.params["year"]},
    )


def _table_title(params: Mapping[str, Any]) -> str:
    return _("OIT table, FY %(year)s (%(format)s)") % {
        "year": params["year"],
        "format": str(params["format"]).upper(),
    }


def render_oit_table(job: RenderJob) -> Rendered:
    assessment = _assessment(job.params)
    fmt = str(job.params["format"])
    content = (
        exports.oit_table_xlsx(assessment) if fmt == "xlsx" else exports.oit_table_csv(assessment)
    )
    return Rendered(
        content=content,
        file_name=f"oit-{assessment.unit.slug}-{assessment.year}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


def render_appeal_pack(job: RenderJob) -> Rendered:
    assessment = _assessment(job.params)
    return Rendered(
        content=exports.appeal_pack_docx(assessment),
        file_name=f"oit-appeal-{assessment.unit.slug}-{assessment.year}.docx",
        content_type=CONTENT_TYPES["docx"],
    )


def register_kinds() -> None:
    register(
        DocumentKind(
            name=OIT_TABLE,
            title=_table_title,
            render=render_oit_table,
            need=Capability.VIEW,
            back=_back,
            tab="oit",
            localised=True,  # column headings in the reader's language
        )
    )
    register(
        DocumentKind(
            name=APPEAL_PACK,
            title=lambda params: _("OIT appeal pack, FY %(year)s") % {"year": params["year"]},
            render=render_appeal_pack,
            need=Capability.VIEW,
            back=_back,
            tab="oit",
        )
    )

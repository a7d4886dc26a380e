"""The O22 documents as generated-document kinds (PDF and DOCX of each), rendered by the
documents worker from the data as it is at render time; published through the publications
mechanism as the evidence of item O22 (``views_documents``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.organizations.models import Unit
from prongsai.publications.periods import PeriodError, period_label, period_range
from prongsai.publications.registry import Series, register_series

from . import documents

SYSTEM_PDF = "custody.system_pdf"
SYSTEM_DOCX = "custody.system_docx"
PRACTICE_PDF = "custody.practice_pdf"
PRACTICE_DOCX = "custody.practice_docx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


SYSTEM_SERIES = "custody.system"
PRACTICE_SERIES = "custody.practice"


def period_bounds(year: int, period: str) -> tuple[dt.date, dt.date, str]:
    """First and last day of ``period`` of fiscal year ``year``, and its Thai label (the
    publications' periods: ``year``, ``h1``/``h2``, quarters, months)."""
    try:
        first, last = period_range(year, period)
    except PeriodError as exc:
        raise DocumentError(str(exc)) from exc
    with translation.override("th"):
        label = period_label(year, period)
    if period == "year":
        return first, last, f"ปีงบประมาณ พ.ศ. {year}"
    return first, last, f"{label} ปีงบประมาณ พ.ศ. {year}"


def _unit(job: RenderJob) -> Unit:
    unit = Unit.objects.filter(pk=str(job.unit_id or job.params.get("unit") or "")).first()
    if unit is None:
        raise DocumentError(_("The unit no longer exists."))
    return unit


def _content(job: RenderJob, practice: bool) -> documents.Content:
    unit = _unit(job)
    year = int(job.params["year"])
    if not practice:
        return documents.system_description(unit, year)
    first, last, label = period_bounds(year, str(job.params.get("period", "year")))
    return documents.practice_report(unit, year, first, last, label)


def _renderer(practice: bool, fmt: str) -> Callable[[RenderJob], Rendered]:
    def render(job: RenderJob) -> Rendered:
        content = _content(job, practice)
        period = str(job.params.get("period", "year"))
        stem = f"{content.file_stem}-{period}" if practice else content.file_stem
        if fmt == "pdf":
            return Rendered(documents.to_pdf(content), f"{stem}.pdf", "application/pdf")
        return Rendered(documents.to_docx(content), f"{stem}.docx", DOCX_TYPE)

    return render


def _title(practice: bool, fmt: str) -> Callable[[Mapping[str, Any]], str]:
    def title(params: Mapping[str, Any]) -> str:
        values = {"year": params.get("year"), "fmt": fmt.upper()}
        if practice:
            return _("O22 custody practice report, FY %(year)s (%(fmt)s)") % values
        return _("O22 custody system description, FY %(year)s (%(fmt)s)") % values

    return title


def _back(document: GeneratedDocument) -> str:
    year = document.params.get("year")
    if isinstance(year, int):
        return reverse("custody:o22", kwargs={"slug": document.unit.slug, "year": year})
    return reverse("custody:home", kwargs={"slug": document.unit.slug})


def register_kinds() -> None:
    for name, practice, fmt in (
        (SYSTEM_PDF, False, "pdf"),
        (SYSTEM_DOCX, False, "docx"),
        (PRACTICE_PDF, True, "pdf"),
        (PRACTICE_DOCX, True, "docx"),
    ):
        register(
            DocumentKind(
                name=name,
                title=_title(practice, fmt),
                render=_renderer(practice, fmt),
                need=Capability.VIEW,
                back=_back,
                tab="custody",
            )
        )
    register_series(
        Series(
            name=SYSTEM_SERIES,
            slug="custody-system",
            title=gettext_lazy("System for government property and seized evidence (O22)"),
            item_code="O22",
            formats={"pdf": SYSTEM_PDF, "docx": SYSTEM_DOCX},
            cadence="year",
        )
    )
    register_series(
        Series(
            name=PRACTICE_SERIES,
            slug="custody-practice",
            title=gettext_lazy("Report on the custody of property and seized evidence (O22)"),
            item_code="O22",
            formats={"pdf": PRACTICE_PDF, "docx": PRACTICE_DOCX},
            cadence="half",
        )
    )

"""The O16 statistics as generated documents (PDF, Thai, official wording; CSV and JSON),
rendered by the documents worker; the same figures as the public page (suppressed the same way).

The three are also the published series ``complaints.statistics`` (``prongsai.publications``,
one version per publication, per half year: ``h1`` is the six-month round, October–March, the
rows of those months only; ``h2`` the twelve-month round, the whole fiscal year): publishing
attaches their public addresses to the year's item O16."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.core.site import site_base
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.organizations.models import Unit
from prongsai.publications.registry import Series, register_series

from . import selectors
from .exports import statistics_csv, statistics_json

STATISTICS = "complaints.statistics"
STATISTICS_CSV = "complaints.statistics_csv"
STATISTICS_JSON = "complaints.statistics_json"
SERIES = "complaints.statistics"  # the published series (PDF, CSV, JSON)


def statistics_params(unit: Unit, year: int) -> dict[str, Any]:
    return {"unit": str(unit.pk), "year": year}


def _title(params: Mapping[str, Any]) -> str:
    return _("Complaint statistics (O16), FY %(year)s (PDF)") % {"year": params["year"]}


def statistics_pdf(unit: Unit, year: int, period: str = "") -> bytes:
    data = selectors.complaint_statistics(unit, year, lang="th", period=period)
    context = {
        "unit": unit,
        "year": year,
        "round": {"h1": "รอบ 6 เดือน (ตุลาคม – มีนาคม)", "h2": "รอบ 12 เดือน"}.get(period, ""),
        "stats": data,
        "labels": selectors.measure_labels(),
        "measures": selectors.MEASURES,
        "public_url": site_base()
        + reverse("complaints:statistics", kwargs={"slug": unit.slug})
        + f"?year={year}",
    }
    html = render_to_string("complaints/pdf/statistics.html", context)
    css = render_to_string("complaints/pdf/statistics.css", {"family": FONT_FAMILY})
    return html_to_pdf(html, css, footer=audit_head_line())


def _unit_of(job: RenderJob) -> Unit:
    unit = Unit.objects.filter(pk=job.params.get("unit") or job.unit_id).first()
    if unit is None:
        raise DocumentError(_("The unit no longer exists."))
    return unit


def render_statistics(job: RenderJob) -> Rendered:
    unit = _unit_of(job)
    year = int(job.params["year"])
    return Rendered(
        content=statistics_pdf(unit, year, str(job.params.get("period", ""))),
        file_name=f"complaints-statistics-{unit.slug}-{year}.pdf",
        content_type="application/pdf",
    )


def render_statistics_data(job: RenderJob) -> Rendered:
    unit = _unit_of(job)
    year = int(job.params["year"])
    with translation.override("th"):
        data = selectors.complaint_statistics(
            unit, year, lang="th", period=str(job.params.get("period", ""))
        )
        if job.kind == STATISTICS_JSON:
            return Rendered(
                content=statistics_json(unit, data),
                file_name=f"complaints-statistics-{unit.slug}-{year}.json",
                content_type="application/json",
            )
        return Rendered(
            content=statistics_csv(data),
            file_name=f"complaints-statistics-{unit.slug}-{year}.csv",
            content_type="text/csv; charset=utf-8",
        )


def _back(document: GeneratedDocument) -> str:
    return reverse("complaints:cases", kwargs={"slug": document.unit.slug})


def _data_title(params: Mapping[str, Any]) -> str:
    return _("Complaint statistics (O16), FY %(year)s (%(format)s)") % {
        "year": params["year"],
        "format": str(params.get("fmt", "")).upper(),
    }


def register_kinds() -> None:
    register(
        DocumentKind(
            name=STATISTICS,
            title=_title,
            render=render_statistics,
            need=Capability.VIEW,
            back=_back,
            tab="complaints",
        )
    )
    for name in (STATISTICS_CSV, STATISTICS_JSON):
        register(
            DocumentKind(
                name=name,
                title=_data_title,
                render=render_statistics_data,
                need=Capability.VIEW,
                back=_back,
                tab="complaints",
            )
        )
    register_series(
        Series(
            name=SERIES,
            slug="complaint-statistics",
            title=gettext_lazy("Statistics of corruption and misconduct complaints"),
            item_code="O16",
            formats={"pdf": STATISTICS, "csv": STATISTICS_CSV, "json": STATISTICS_JSON},
            cadence="half",
        )
    )

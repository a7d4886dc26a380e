"""The O16 statistics as a generated document (PDF, Thai, official wording), rendered by the
documents worker; the same figures as the public page (suppressed the same way)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.pdf import FONT_FAMILY, html_to_pdf
from prongsai.core.site import site_base
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.organizations.models import Unit

from . import selectors

STATISTICS = "complaints.statistics"


def statistics_params(unit: Unit, year: int) -> dict[str, Any]:
    return {"unit": str(unit.pk), "year": year}


def _title(params: Mapping[str, Any]) -> str:
    return _("Complaint statistics (O16), FY %(year)s (PDF)") % {"year": params["year"]}


def statistics_pdf(unit: Unit, year: int) -> bytes:
    data = selectors.complaint_statistics(unit, year, lang="th")
    context = {
        "unit": unit,
        "year": year,
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


def render_statistics(job: RenderJob) -> Rendered:
    unit = Unit.objects.filter(pk=job.params["unit"]).first()
    if unit is None:
        raise DocumentError(_("The unit no longer exists."))
    year = int(job.params["year"])
    return Rendered(
        content=statistics_pdf(unit, year),
        file_name=f"complaints-statistics-{unit.slug}-{year}.pdf",
        content_type="application/pdf",
    )


def _back(document: GeneratedDocument) -> str:
    return reverse("complaints:cases", kwargs={"slug": document.unit.slug})


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

"""The procurement documents as generated documents (``prongsai.documents``) and the series
they are published in (``prongsai.publications``): the monthly summary in the สขร.1 layout and in
the police 16-field layout, and the OCDS release package (O14, monthly), the plan and
announcements of a quarter (O13). Each format is its own kind; a publication renders them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.organizations.models import Unit
from prongsai.publications.periods import period_label
from prongsai.publications.registry import FORMATS, Series, register_series

from . import ocds, rendering
from .months import month_of_period
from .summaries import MonthlySummary, QuarterPlan, monthly_summary, quarter_plan

SUMMARY = "procurement.summary"
POLICE = "procurement.police"
PLAN = "procurement.plan"
OCDS = "procurement.ocds"


def _unit(job: RenderJob) -> Unit:
    pk = job.unit_id or job.params.get("unit")
    unit = Unit.objects.filter(pk=pk).first() if pk else None
    if unit is None:
        raise DocumentError(_("The unit no longer exists."))
    return unit


def _month_summary(job: RenderJob) -> tuple[Unit, MonthlySummary]:
    unit = _unit(job)
    year, period = int(job.params["year"]), str(job.params["period"])
    try:
        month = month_of_period(period)
    except ValueError as exc:
        raise DocumentError(_("This document is made for one month.")) from exc
    return unit, monthly_summary(unit, year, month)


def _quarter(job: RenderJob) -> tuple[Unit, QuarterPlan]:
    unit = _unit(job)
    period = str(job.params["period"])
    if period not in ("q1", "q2", "q3", "q4"):
        raise DocumentError(_("This document is made for one quarter."))
    return unit, quarter_plan(unit, int(job.params["year"]), int(period[1]))


def _rendered(content: bytes, name: str, fmt: str) -> Rendered:
    return Rendered(content=content, file_name=f"{name}.{fmt}", content_type=FORMATS[fmt][0])


def _monthly(
    builder: Callable[[MonthlySummary], bytes], stem: str, fmt: str
) -> Callable[[RenderJob], Rendered]:
    def render(job: RenderJob) -> Rendered:
        unit, summary = _month_summary(job)
        return _rendered(builder(summary), f"{stem}-{unit.slug}-{job.params['period']}", fmt)

    return render


def _quarterly(
    builder: Callable[[QuarterPlan], bytes], fmt: str
) -> Callable[[RenderJob], Rendered]:
    def render(job: RenderJob) -> Rendered:
        unit, plan = _quarter(job)
        name = f"procurement-plan-{unit.slug}-{plan.year}-{job.params['period']}"
        return _rendered(builder(plan), name, fmt)

    return render


def render_ocds(job: RenderJob) -> Rendered:
    unit, summary = _month_summary(job)
    content = ocds.release_package_bytes(unit, summary)
    return _rendered(content, f"procurement-ocds-{unit.slug}-{job.params['period']}", "json")


def _titled(name: Any) -> Callable[[Mapping[str, Any]], str]:
    def title(params: Mapping[str, Any]) -> str:
        period = str(params.get("period", ""))
        try:
            label = period_label(int(params["year"]), period)
        except (KeyError, ValueError):
            label = period
        return f"{name} {label} ({str(params.get('fmt', '')).upper()})".strip()

    return title


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "procurement:year", kwargs={"slug": document.unit.slug, "year": document.params["year"]}
    )


SERIES = (
    Series(
        name=SUMMARY,
        slug="procurement-summary",
        title=gettext_lazy("Monthly procurement summary (สขร.1)"),
        item_code="O14",
        cadence="month",
        formats={
            "pdf": "procurement.summary_pdf",
            "xlsx": "procurement.summary_xlsx",
            "csv": "procurement.summary_csv",
            "json": "procurement.summary_json",
        },
    ),
    Series(
        name=POLICE,
        slug="procurement-16-fields",
        title=gettext_lazy("Monthly procurement data (police 16-field layout)"),
        item_code="O14",
        cadence="month",
        formats={
            "pdf": "procurement.police_pdf",
            "xlsx": "procurement.police_xlsx",
            "csv": "procurement.police_csv",
            "json": "procurement.police_json",
        },
    ),
    Series(
        name=OCDS,
        slug="procurement-ocds",
        title=gettext_lazy("Procurement in the Open Contracting Data Standard (OCDS)"),
        item_code="O14",
        cadence="month",
        formats={"json": "procurement.ocds_json"},
    ),
    Series(
        name=PLAN,
        slug="procurement-plan",
        title=gettext_lazy("Procurement plan and announcements"),
        item_code="O13",
        cadence="quarter",
        formats={
            "pdf": "procurement.plan_pdf",
            "xlsx": "procurement.plan_xlsx",
            "csv": "procurement.plan_csv",
            "json": "procurement.plan_json",
        },
    ),
)

_RENDERERS: dict[str, Callable[[RenderJob], Rendered]] = {
    "procurement.summary_pdf": _monthly(rendering.sk1_pdf, "procurement-summary", "pdf"),
    "procurement.summary_xlsx": _monthly(rendering.sk1_xlsx, "procurement-summary", "xlsx"),
    "procurement.summary_csv": _monthly(rendering.sk1_csv, "procurement-summary", "csv"),
    "procurement.summary_json": _monthly(
        lambda s: rendering.summary_json(s, layout="สขร.1"), "procurement-summary", "json"
    ),
    "procurement.police_pdf": _monthly(rendering.police_pdf, "procurement-16-fields", "pdf"),
    "procurement.police_xlsx": _monthly(rendering.police_xlsx, "procurement-16-fields", "xlsx"),
    "procurement.police_csv": _monthly(rendering.police_csv, "procurement-16-fields", "csv"),
    "procurement.police_json": _monthly(
        lambda s: rendering.summary_json(s, layout="police-16"), "procurement-16-fields", "json"
    ),
    "procurement.ocds_json": render_ocds,
    "procurement.plan_pdf": _quarterly(rendering.plan_pdf, "pdf"),
    "procurement.plan_xlsx": _quarterly(rendering.plan_xlsx, "xlsx"),
    "procurement.plan_csv": _quarterly(rendering.plan_csv, "csv"),
    "procurement.plan_json": _quarterly(rendering.plan_json, "json"),
}


def register_kinds() -> None:
    for series in SERIES:
        for kind in series.formats.values():
            register(
                DocumentKind(
                    name=kind,
                    title=_titled(series.title),
                    render=_RENDERERS[kind],
                    need=Capability.VIEW,
                    back=_back,
                    tab="procurement",
                )
            )
        register_series(series)

"""The records' published series (O6, O10, O11, O12) and their document kinds, one per format.

Each kind renders the :class:`~prongsai.records.documents.RecordDocument` of its series and
period as the records are at render time (the task runs right after ``publication_publish``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.site import absolute_url
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentError, DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.organizations.models import Unit
from prongsai.publications.registry import Series, register_series, series_for
from prongsai.publications.services import public_path

from . import selectors
from .documents import BUILDERS
from .renderers import RENDERERS

# record kind → (series name, URL slug, OIT item, cadence, formats)
SERIES: dict[str, tuple[str, str, str, str, tuple[str, ...]]] = {
    "operations": ("records.operations", "operations-report", "O6", "month", ("pdf", "docx", "json", "csv")),
    "statistics": ("records.statistics", "statistics", "O10", "month", ("pdf", "xlsx", "csv", "json")),
    "budget": ("records.budget", "budget-report", "O11", "month", ("pdf", "xlsx", "csv", "json")),
    "fund": ("records.fund", "investigation-fund", "O12", "quarter", ("pdf", "xlsx", "csv", "json")),
}  # fmt: skip

SERIES_TITLES = {
    "operations": gettext_lazy("Monthly operations report"),
    "statistics": gettext_lazy("Statistics"),
    "budget": gettext_lazy("Budget spending"),
    "fund": gettext_lazy("Investigation fund"),
}

KIND_OF_SERIES = {spec[0]: kind for kind, spec in SERIES.items()}


def kind_name(kind: str, fmt: str) -> str:
    return f"records.{kind}_{fmt}"


def series_name(kind: str) -> str:
    return SERIES[kind][0]


def _title(kind: str, fmt: str) -> Any:
    def title(params: Mapping[str, Any]) -> str:
        return _("%(title)s, %(period)s, FY %(year)s (%(fmt)s)") % {
            "title": SERIES_TITLES[kind],
            "period": params.get("period", ""),
            "year": params.get("year", ""),
            "fmt": fmt.upper(),
        }

    return title


def build_document(kind: str, unit: Unit, year: int, period: str) -> Any:
    doc = BUILDERS[kind](unit, year, period)
    doc.thai_digits = selectors.thai_digits(unit)
    return doc


def _renderer(kind: str, fmt: str) -> Any:
    def render(job: RenderJob) -> Rendered:
        unit = (
            Unit.objects.filter(pk=str(job.unit_id or job.params.get("unit")))
            .select_related("parent")
            .first()
        )
        if unit is None:
            raise DocumentError(_("The unit no longer exists."))
        year, period = int(job.params["year"]), str(job.params["period"])
        version = int(job.params.get("version") or 0)
        doc = build_document(kind, unit, year, period)
        url = ""
        if version:
            url = absolute_url(public_path(unit, year, series_for(series_name(kind)), period, fmt))
        render_format, content_type = RENDERERS[fmt]
        content = render_format(doc, version=version, public_url=url)
        name = f"{SERIES[kind][1]}-{unit.slug}-{period}{f'-v{version}' if version else ''}.{fmt}"
        return Rendered(content=content, file_name=name, content_type=content_type)

    return render


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "records:index", kwargs={"slug": document.unit.slug, "year": document.params.get("year")}
    )


def register_kinds() -> None:
    for kind, (name, slug, item, cadence, formats) in SERIES.items():
        for fmt in formats:
            register(
                DocumentKind(
                    name=kind_name(kind, fmt),
                    title=_title(kind, fmt),
                    render=_renderer(kind, fmt),
                    need=Capability.EDIT,
                    back=_back,
                    tab="records",
                )
            )
        register_series(
            Series(
                name=name,
                slug=slug,
                title=SERIES_TITLES[kind],
                item_code=item,
                formats={fmt: kind_name(kind, fmt) for fmt in formats},
                cadence=cadence,
            )
        )

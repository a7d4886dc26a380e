"""The pre-check table as a generated document (``prongsai.documents``): one XLSX with a sheet
of item verdicts and a sheet of every link's checks, written by the shared writer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.thai_dates import thai_date
from prongsai.documents.models import GeneratedDocument
from prongsai.documents.registry import DocumentKind, Rendered, RenderJob, register
from prongsai.organizations.access import Capability
from prongsai.spreadsheets.writer import append_row, new_sheet, new_workbook, workbook_bytes

from .checks import CHECK_NAMES
from .models import Status
from .selectors import CHECK_LABELS, evidence_checks_of, unchanged_since, verdicts_of

KIND = "prechecks.table"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_params(assessment: Assessment) -> dict[str, Any]:
    return {"assessment": str(assessment.pk), "year": assessment.year}


def _status(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return value


def precheck_xlsx(assessment: Assessment) -> bytes:
    book = new_workbook()
    items = new_sheet(
        book,
        _("Items"),
        [
            _("Item"),
            _("Title"),
            _("Verdict"),
            _("Checked on"),
            *[str(CHECK_LABELS[n]) for n in ("period", "elements", "format")],
            _("Reasons"),
        ],
    )
    for code, verdict in sorted(
        verdicts_of(assessment).items(), key=lambda kv: kv[1].work.item.position
    ):
        own = {c["name"]: c for c in verdict.checks}
        append_row(
            items,
            [
                code,
                verdict.work.item.title_th,
                _status(verdict.status),
                thai_date(verdict.checked_at),
                *[
                    f"{_status(own[n]['status'])}: {own[n]['reason']}" if n in own else ""
                    for n in ("period", "elements", "format")
                ],
                "\n".join(r.get("reason", "") for r in verdict.reasons),
            ],
        )
    links = new_sheet(
        book,
        _("Links"),
        [
            _("Item"),
            _("Address"),
            _("Final address"),
            _("HTTP status"),
            "SHA-256",
            _("Checked"),
            *[str(CHECK_LABELS[n]) for n in CHECK_NAMES[:2]],
        ],
    )
    for check in evidence_checks_of(assessment):
        snapshot = check.snapshot
        own = {c["name"]: c for c in check.checks}
        append_row(
            links,
            [
                check.work.item.code,
                snapshot.url if snapshot else check.evidence.url,
                snapshot.final_url if snapshot else "",
                snapshot.http_status if snapshot and snapshot.http_status else "",
                snapshot.sha256 if snapshot else "",
                unchanged_since(check),
                *[
                    f"{_status(own[n]['status'])}: {own[n]['reason']}" if n in own else ""
                    for n in CHECK_NAMES[:2]
                ],
            ],
        )
    return workbook_bytes(book)


def _assessment(params: Mapping[str, Any]) -> Assessment:
    return Assessment.objects.select_related("unit", "framework").get(pk=params["assessment"])


def render_table(job: RenderJob) -> Rendered:
    assessment = _assessment(job.params)
    return Rendered(
        content=precheck_xlsx(assessment),
        file_name=f"precheck-{assessment.unit.slug}-{assessment.year}.xlsx",
        content_type=XLSX,
    )


def _back(document: GeneratedDocument) -> str:
    return reverse(
        "prechecks:overview",
        kwargs={"slug": document.unit.slug, "year": document.params["year"]},
    )


def register_kinds() -> None:
    register(
        DocumentKind(
            name=KIND,
            title=lambda params: (
                _("Evidence pre-check, FY %(year)s (XLSX)") % {"year": params["year"]}
            ),
            render=render_table,
            need=Capability.VIEW,
            back=_back,
            tab="oit",
            localised=True,
        )
    )

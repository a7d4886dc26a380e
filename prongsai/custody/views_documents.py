"""The O22 page of a fiscal year: the system description and the practice report, made as PDF
and DOCX (and, once published, the item's evidence)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability

from .access import custody_access
from .document_kinds import PRACTICE_DOCX, PRACTICE_PDF, SYSTEM_DOCX, SYSTEM_PDF
from .views import _base

KINDS = {
    ("system", "pdf"): SYSTEM_PDF,
    ("system", "docx"): SYSTEM_DOCX,
    ("practice", "pdf"): PRACTICE_PDF,
    ("practice", "docx"): PRACTICE_DOCX,
}
PERIODS = ("year", "h1", "h2")


def _year(year: int) -> None:
    from django.http import Http404

    if not 2500 <= year <= 2700:
        raise Http404("No such year")


@login_required
def o22(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _year(year)
    custody = custody_access(request, slug)
    return render(
        request,
        "custody/o22.html",
        _base(custody, "o22", o22_year=year, periods=PERIODS, can_publish=custody.access.can_edit),
    )


@login_required
@require_POST
def o22_document(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _year(year)
    custody = custody_access(request, slug)
    document = request.POST.get("document", "")
    fmt = request.POST.get("format", "")
    period = request.POST.get("period", "year")
    kind = KINDS.get((document, fmt))
    if kind is None or period not in PERIODS:
        messages.error(request, _("Choose a document, a format and a period."))
        return redirect("custody:o22", slug=slug, year=year)
    params = {"unit": str(custody.unit.pk), "year": year}
    if document == "practice":
        params["period"] = period
    generated = document_request(
        actor=custody.user, access=custody.access, kind=kind, params=params
    )
    return document_redirect(generated)


__all__ = ["Capability"]

"""The O22 page of a fiscal year: the system description and the practice report of each half
year, previewed as PDF/DOCX and published (frozen versions with stable public URLs, added as
the evidence of item O22) through the publications mechanism."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability
from prongsai.publications.registry import series_for
from prongsai.publications.selectors import series_periods
from prongsai.publications.services import publication_publish

from .access import custody_access
from .document_kinds import (
    PRACTICE_DOCX,
    PRACTICE_PDF,
    PRACTICE_SERIES,
    SYSTEM_DOCX,
    SYSTEM_PDF,
    SYSTEM_SERIES,
)
from .views import _base

KINDS = {
    ("system", "pdf"): SYSTEM_PDF,
    ("system", "docx"): SYSTEM_DOCX,
    ("practice", "pdf"): PRACTICE_PDF,
    ("practice", "docx"): PRACTICE_DOCX,
}
SERIES = {"system": SYSTEM_SERIES, "practice": PRACTICE_SERIES}
PERIODS = {"system": ("year",), "practice": ("h1", "h2")}


def _year(year: int) -> None:
    if not 2500 <= year <= 2700:
        raise Http404("No such year")


def _choice(request: HttpRequest) -> tuple[str, str] | None:
    document = request.POST.get("document", "")
    period = request.POST.get("period", "")
    if document not in PERIODS or period not in PERIODS[document]:
        return None
    return document, period


@login_required
def o22(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _year(year)
    custody = custody_access(request, slug)
    unit = custody.unit
    return render(
        request,
        "custody/o22.html",
        _base(
            custody,
            "o22",
            o22_year=year,
            system_series=series_for(SYSTEM_SERIES),
            practice_series=series_for(PRACTICE_SERIES),
            system_periods=series_periods(unit, year, SYSTEM_SERIES),
            practice_periods=series_periods(unit, year, PRACTICE_SERIES),
            can_publish=custody.access.has(Capability.EDIT),
        ),
    )


@login_required
@require_POST
def o22_document(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """A preview (not published): the document as it would read now."""
    _year(year)
    custody = custody_access(request, slug)
    chosen = _choice(request)
    kind = KINDS.get((chosen[0], request.POST.get("format", ""))) if chosen else None
    if chosen is None or kind is None:
        messages.error(request, _("Choose a document, a format and a period."))
        return redirect("custody:o22", slug=slug, year=year)
    params = {"unit": str(custody.unit.pk), "year": year, "period": chosen[1]}
    generated = document_request(
        actor=custody.user, access=custody.access, kind=kind, params=params
    )
    return document_redirect(generated)


@login_required
@require_POST
def o22_publish(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    _year(year)
    custody = custody_access(request, slug)
    chosen = _choice(request)
    if chosen is None:
        messages.error(request, _("Choose a document, a format and a period."))
        return redirect("custody:o22", slug=slug, year=year)
    document, period = chosen
    try:
        publication_publish(
            actor=custody.user,
            access=custody.access,
            series=SERIES[document],
            year=year,
            period=period,
            params={"unit": str(custody.unit.pk)},
            reason=request.POST.get("reason", "")[:500],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Published; the public links were added to item O22."))
    return redirect("custody:o22", slug=slug, year=year)

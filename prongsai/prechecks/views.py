"""The pre-check pages: the unit's overview (every item's verdict), checking again, and the
XLSX export (a generated document)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.assessments.selectors import assessment_for
from prongsai.core.actors import request_actor
from prongsai.disclosures.views.common import unit_context
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability, unit_access

from . import selectors
from .document_kinds import KIND, table_params
from .engine import item_exists
from .forms import RunForm
from .services import precheck_request


@login_required
def overview(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    verdicts = selectors.verdicts_of(assessment)
    checks = selectors.evidence_checks_of(assessment)
    rows = []
    for item in assessment.framework.items.order_by("position"):
        verdict = verdicts.get(item.code)
        rows.append(
            {
                "item": item,
                "verdict": verdict,
                "links": [c for c in checks if c.work.item_id == item.pk],
            }
        )
    return render(
        request,
        "prechecks/overview.html",
        unit_context(
            access,
            assessment,
            rows=rows,
            risk=selectors.risk_count(assessment),
            pending=selectors.pending_run(assessment),
            last_run=selectors.last_run(assessment),
            labels=selectors.CHECK_LABELS,
            unchanged={c.pk: selectors.unchanged_since(c) for c in checks},
        ),
    )


@login_required
@require_POST
def run(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    form = RunForm(request.POST)
    code = form.cleaned_data["item"].strip() if form.is_valid() else ""
    if not form.is_valid() or (code and not item_exists(assessment, code)):
        messages.error(request, _("There is no such item to check."))
        return redirect("prechecks:overview", slug=slug, year=year)
    precheck_request(actor=request_actor(request), assessment=assessment, item_code=code)
    messages.success(
        request,
        _("The evidence is being checked; the result appears here when it is done.")
        if code
        else _("Every item's evidence is being checked; the results appear here when done."),
    )
    if code and form.cleaned_data.get("back") == "item":
        return redirect("disclosures:item", slug=slug, year=year, code=code)
    return redirect("prechecks:overview", slug=slug, year=year)


@login_required
@require_POST
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    document = document_request(
        actor=request.user, access=access, kind=KIND, params=table_params(assessment)
    )
    return document_redirect(document)

"""The report page (download buttons, what goes into the report) and its settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.assessments.selectors import assessment_for
from prongsai.documents.selectors import recent_documents
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability, unit_access

from .builder import ROUNDS, report_cutoff
from .document_kinds import REPORT, report_params
from .forms import AreaFormSet, DownloadForm, ReportSettingsForm
from .selectors import report_summary, settings_for
from .services import report_settings_save


@login_required
def index(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """What the report will hold (a few counts) and its download buttons. The report itself is
    built only when someone asks for a file, by the task worker."""
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    cutoffs = {r: report_cutoff(year, r) for r in ROUNDS}
    summary = report_summary(assessment, cutoffs)
    return render(
        request,
        "reports/index.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "report",
            "assessment": assessment,
            "summary": summary,
            "settings_row": summary.settings_row,
            "form": DownloadForm(),
            "cutoffs": cutoffs,
            "documents": recent_documents(access, kinds=[REPORT], year=year, limit=8),
        },
    )


@login_required
@require_POST
def download(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Ask for the report file: answered at once with the document's page, which shows its
    progress and starts the download when the worker has rendered it."""
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    form = DownloadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a round (6 or 12) and a format (PDF or DOCX)."))
        return redirect("reports:index", slug=slug, year=year)
    values = form.values()
    document = document_request(
        actor=request.user,
        access=access,
        kind=REPORT,
        params=report_params(
            assessment,
            round_=values["round"],
            fmt=values["format"],
            thai_digits=values["thai_digits"],
        ),
    )
    return document_redirect(document)


@login_required
def report_settings(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    current = settings_for(assessment)
    form = ReportSettingsForm(request.POST or None, instance=current)
    areas = AreaFormSet(
        request.POST or None, prefix="areas", initial=current.disclosure_areas or None
    )
    if request.method == "POST" and form.is_valid() and areas.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        fields["disclosure_areas"] = [a for a in areas.cleaned_data if a]
        try:
            report_settings_save(actor=request.user, assessment=assessment, **fields)
        except ValidationError as exc:
            # The service's errors may name fields this form does not have (the areas are a
            # formset): show those at the top of the form.
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Report settings saved."))
            return redirect("reports:index", slug=slug, year=year)
    return render(
        request,
        "reports/settings.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "report",
            "assessment": assessment,
            "form": form,
            "areas": areas,
            "saved": not current._state.adding,
        },
    )

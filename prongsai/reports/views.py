"""The report page (download buttons, what goes into the report) and its settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai.assessments.selectors import assessment_for
from prongsai.organizations.access import Capability, unit_access
from prongsai.organizations.selectors import unit_ancestors

from .builder import build_report, report_cutoff
from .forms import AreaFormSet, DownloadForm, ReportSettingsForm
from .rendering import CONTENT_TYPES, render_report
from .selectors import settings_for
from .services import report_settings_save


@login_required
def index(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    report = build_report(assessment, round_=6)
    return render(
        request,
        "reports/index.html",
        {
            "access": access,
            "unit": access.unit,
            "unit_ancestors": unit_ancestors(access.unit),
            "year": year,
            "tab": "report",
            "assessment": assessment,
            "settings_row": settings_for(assessment),
            "report": report,
            "form": DownloadForm(),
            "cutoffs": {r: report_cutoff(year, r) for r in (6, 12)},
            "updates": sum(len(m.updates) for m in report.measures),
        },
    )


@login_required
def download(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    form = DownloadForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose a round (6 or 12) and a format (PDF or DOCX)."))
        return redirect("reports:index", slug=slug, year=year)
    values = form.values()
    report = build_report(assessment, round_=values["round"], thai_digits_=values["thai_digits"])
    content = render_report(report, values["format"])
    response = HttpResponse(content, content_type=CONTENT_TYPES[values["format"]])
    response["Content-Disposition"] = (
        f'attachment; filename="{report.file_stem}.{values["format"]}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


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
            form.add_error(None, exc)
        else:
            messages.success(request, _("Report settings saved."))
            return redirect("reports:index", slug=slug, year=year)
    return render(
        request,
        "reports/settings.html",
        {
            "access": access,
            "unit": access.unit,
            "unit_ancestors": unit_ancestors(access.unit),
            "year": year,
            "tab": "report",
            "assessment": assessment,
            "form": form,
            "areas": areas,
            "saved": not current._state.adding,
        },
    )

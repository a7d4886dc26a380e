"""A unit's home page (its assessments by year) and assessment settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai.core.actors import request_actor
from prongsai.organizations.access import Capability, unit_access
from prongsai.organizations.duties import subtree_roles
from prongsai.organizations.models import Unit

from . import selectors, services
from .forms import AssessmentOpenForm, AssessmentSettingsForm


def _open_form(unit: Unit, data: QueryDict | None = None) -> AssessmentOpenForm:
    years = selectors.years_to_open(unit)
    return AssessmentOpenForm(
        data,
        frameworks=selectors.frameworks_available(),
        years=years,
        initial={"year": selectors.default_year_to_open(years)},
    )


@login_required
def unit_home(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug)
    unit = access.unit
    return render(
        request,
        "assessments/unit_home.html",
        {
            "access": access,
            "unit": unit,
            "assessments": selectors.assessments_of(unit),
            "children": unit.children.filter(is_active=True),
            # Viewers, admins and evaluators reaching down (and platform admins) get the
            # roll-up of the units below (prongsai/rollup).
            "may_see_rollup": access.is_superuser or bool(access.roles & subtree_roles()),
            "open_form": _open_form(unit) if access.can_manage else None,
        },
    )


@login_required
def assessment_open(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    form = _open_form(access.unit, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_open(
                actor=request_actor(request), unit=access.unit, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Assessment for %(year)s opened.") % {"year": assessment.year}
            )
            return redirect("scoring:dashboard", slug=access.unit.slug, year=assessment.year)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "page_title": _("Open an assessment"),
            "access": access,
            "unit": access.unit,
        },
    )


@login_required
def assessment_settings(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    assessment = selectors.assessment_for(access.unit, year)
    form = AssessmentSettingsForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        services.assessment_update(
            actor=request.user,
            assessment=assessment,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        messages.success(request, _("Assessment settings saved."))
        return redirect("assessments:settings", slug=slug, year=year)
    spec = assessment.framework.spec
    targets = {
        inst.id: assessment.target(inst.id) for inst in spec.instruments if inst.sample is not None
    }
    return render(
        request,
        "assessments/assessment_settings.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "assessment": assessment,
            "form": form,
            "targets": targets,
            "tab": "assessment",
        },
    )

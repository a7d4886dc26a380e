"""Importing keyed-in paper forms from the survey screens (MANAGE).

Upload → the whole file is checked → imported, or every problem is listed. When a column cannot
be placed (a header the matcher does not know), the page shows the file's columns with a select
each (``spreadsheets/_column_mapping.html``); the file waits (``prongsai.spreadsheets.pending``)
and is read again with the choices, which are remembered for the unit once the import succeeds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.selectors import assessment_for
from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.spreadsheets.forms import ColumnMappingForm
from prongsai.spreadsheets.pending import pending_forget, pending_keep, pending_load

from .. import services
from ..answers import layout_for
from ..forms import ImportForm
from ..importing import Plan, plan_import, survey_fields
from ..models import Campaign
from ..selectors import campaign_of
from .manage import _page

PENDING_KEY = "survey-import"


@login_required
def import_upload(request: HttpRequest, slug: str, year: int, instrument: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    campaign = campaign_of(assessment_for(access.unit, year), instrument)
    fieldset = survey_fields(layout_for(campaign.assessment.framework.spec, campaign.instrument))
    if request.method == "POST" and request.POST.get("map"):
        pending = pending_load(
            request, key=PENDING_KEY, token=request.POST.get("token", ""), campaign=str(campaign.pk)
        )
        if pending is None:
            messages.error(request, _("This import has expired. Upload the file again."))
            return redirect("surveys:import", slug=slug, year=year, instrument=instrument)
        day = dt.date.fromisoformat(pending.meta["day"]) if pending.meta.get("day") else None
        first = plan_import(
            campaign=campaign, name=pending.name, data=pending.data, default_day=day
        )
        mapping = ColumnMappingForm(request.POST, columns=first.columns, fieldset=fieldset)
        if not mapping.is_valid():
            return _show(
                request, access, year, campaign, ImportForm(), first, pending.token, mapping
            )
        plan = plan_import(
            campaign=campaign,
            name=pending.name,
            data=pending.data,
            default_day=day,
            chosen=mapping.chosen(),
        )
        return _import_or_show(request, access, year, campaign, ImportForm(), plan, pending)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        day = form.cleaned_data["day"]
        plan = plan_import(campaign=campaign, name=upload.name, data=data, default_day=day)
        token = ""
        if plan.needs_mapping:
            token = pending_keep(
                request,
                key=PENDING_KEY,
                data=data,
                name=upload.name,
                campaign=str(campaign.pk),
                day=day.isoformat() if day else "",
            )
        return _import_or_show(request, access, year, campaign, form, plan, None, token=token)
    return _show(request, access, year, campaign, form, None, "", None)


def _import_or_show(
    request: HttpRequest,
    access: UnitAccess,
    year: int,
    campaign: Campaign,
    form: ImportForm,
    plan: Plan,
    pending: Any,
    *,
    token: str = "",
) -> HttpResponse:
    if plan.ok:
        name = pending.name if pending else form.cleaned_data["file"].name
        try:
            count = services.responses_import(
                actor=request.user,
                campaign=campaign,
                rows=plan.rows,
                source_name=name,
                fingerprint=plan.fingerprint,
                fieldset=plan.fieldset,
                columns=plan.columns,
            )
        except IntegrityError:
            plan.problems.append(_already())
        else:
            pending_forget(request, key=PENDING_KEY)
            messages.success(
                request,
                _("%(count)s paper forms imported into the %(instrument)s survey.")
                % {"count": count, "instrument": campaign.instrument},
            )
            return redirect(
                "surveys:overview",
                slug=campaign.assessment.unit.slug,
                year=campaign.assessment.year,
            )
    token = token or (pending.token if pending and plan.needs_mapping else "")
    return _show(request, access, year, campaign, form, plan, token, None)


def _already() -> Any:
    from ..importing import Problem

    return Problem(0, "", _("This file has already been imported; nothing was imported again."))


def _show(
    request: HttpRequest,
    access: UnitAccess,
    year: int,
    campaign: Campaign,
    form: ImportForm,
    plan: Plan | None,
    token: str,
    mapping: ColumnMappingForm | None,
) -> HttpResponse:
    extra: dict[str, Any] = {
        "campaign": campaign,
        "form": form,
        "problems": [str(p) for p in plan.problems] if plan else [],
    }
    if plan is not None and token and plan.columns:
        fieldset = survey_fields(
            layout_for(campaign.assessment.framework.spec, campaign.instrument)
        )
        extra.update(
            mapping_form=mapping or ColumnMappingForm(columns=plan.columns, fieldset=fieldset),
            mapping_token=token,
            mapping_url=reverse(
                "surveys:import",
                kwargs={
                    "slug": campaign.assessment.unit.slug,
                    "year": year,
                    "instrument": campaign.instrument,
                },
            ),
            mapping_open=True,
        )
    return render(request, "surveys/import.html", _page(access, year, **extra))

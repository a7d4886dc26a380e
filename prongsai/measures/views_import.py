"""Importing a plan through the browser: upload → preview (every row, every problem, how each
column was read) → confirm.

The uploaded file waits between the steps (``prongsai.spreadsheets.pending``), so the
confirmation imports exactly the file that was previewed, validated again from scratch. A column
the reader is not sure of is put to the user on the preview (one select per column); their choices
travel with the pending file and are remembered for the unit when the import is confirmed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import assessment_for
from prongsai.organizations.access import Capability, unit_access
from prongsai.spreadsheets.forms import ColumnMappingForm
from prongsai.spreadsheets.pending import (
    PendingUpload,
    pending_forget,
    pending_keep,
    pending_load,
    pending_update,
)

from .forms import PlanImportForm
from .importing import PLAN_FIELDS, ParseResult, parse_plan_file, plan_import
from .models import PlanRow
from .parsing import CADENCE_TH, STATUS_TH, format_channels, format_period

PENDING_KEY = "measures-import"


def _preview_rows(result: ParseResult, assessment: Assessment) -> list[dict[str, Any]]:
    titles = {i.id: i.title.th for i in assessment.framework.spec.indicators}
    out = []
    for draft in result.drafts:
        out.append(
            {
                "draft": draft,
                "indicator": f"{draft.indicator}. {titles.get(draft.indicator, '')}",
                "channels": format_channels(draft.channels, draft.channels_other),
                "period": format_period(draft.period_start, draft.period_end, draft.period_text),
                "responsible": [*draft.responsible_positions, *draft.responsible_usernames],
                "cadence": draft.cadence_text or CADENCE_TH.get(draft.cadence, ""),
                "status": STATUS_TH.get(draft.status, ""),
            }
        )
    return out


@login_required
def plan_import_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    context: dict[str, Any] = {
        "access": access,
        "unit": access.unit,
        "year": year,
        "assessment": assessment,
        "tab": "plan",
    }
    if request.method == "POST" and (request.POST.get("confirm") or request.POST.get("map")):
        pending = pending_load(
            request,
            key=PENDING_KEY,
            token=request.POST.get("token", ""),
            assessment=str(assessment.pk),
        )
        if pending is None:
            messages.error(request, _("This import has expired. Upload the file again."))
            return redirect("measures:import", slug=slug, year=year)
        if request.POST.get("map"):
            return _remap(request, assessment, pending, context)
        return _confirm(request, assessment, pending, context)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = parse_plan_file(assessment, data)
        token = ""
        if result.columns:  # a header was found: keep the file for the mapping and the confirmation
            token = pending_keep(
                request,
                key=PENDING_KEY,
                data=data,
                name=upload.name,
                assessment=str(assessment.pk),
                replace=bool(form.cleaned_data["replace"]),
                chosen={},
            )
        else:
            pending_forget(request, key=PENDING_KEY)
        return _preview(
            request,
            assessment,
            context,
            result,
            token=token,
            name=upload.name,
            replace=bool(form.cleaned_data["replace"]),
        )
    context["form"] = form
    return render(request, "measures/import.html", context)


def _preview(
    request: HttpRequest,
    assessment: Assessment,
    context: dict[str, Any],
    result: ParseResult,
    *,
    token: str,
    name: str,
    replace: bool,
    mapping_form: ColumnMappingForm | None = None,
) -> HttpResponse:
    context.update(
        result=result,
        preview=_preview_rows(result, assessment),
        replace=replace,
        file_name=name,
        existing=PlanRow.objects.filter(assessment=assessment).count(),
    )
    if token and result.columns:
        context.update(
            mapping_form=mapping_form
            or ColumnMappingForm(columns=result.columns, fieldset=PLAN_FIELDS),
            mapping_token=token,
            mapping_url=reverse(
                "measures:import", kwargs={"slug": assessment.unit.slug, "year": assessment.year}
            ),
            mapping_open=result.needs_mapping,
        )
    if token and result.ok:
        context["token"] = token
    return render(request, "measures/import_preview.html", context)


def _remap(
    request: HttpRequest, assessment: Assessment, pending: PendingUpload, context: dict[str, Any]
) -> HttpResponse:
    """The user's column choices: read the pending file again with them."""
    chosen = dict(pending.meta.get("chosen") or {})
    first = parse_plan_file(assessment, pending.data, chosen=chosen)
    form = ColumnMappingForm(request.POST, columns=first.columns, fieldset=PLAN_FIELDS)
    result = first
    if form.is_valid():
        chosen.update(form.chosen())
        pending_update(request, key=PENDING_KEY, chosen=chosen)
        result = parse_plan_file(assessment, pending.data, chosen=chosen)
        form = ColumnMappingForm(columns=result.columns, fieldset=PLAN_FIELDS)
    return _preview(
        request,
        assessment,
        context,
        result,
        token=pending.token,
        name=pending.name,
        replace=bool(pending.meta.get("replace")),
        mapping_form=form,
    )


def _confirm(
    request: HttpRequest, assessment: Assessment, pending: PendingUpload, context: dict[str, Any]
) -> HttpResponse:
    slug, year = assessment.unit.slug, assessment.year
    replace = bool(pending.meta.get("replace"))
    result = parse_plan_file(assessment, pending.data, chosen=pending.meta.get("chosen") or {})
    try:
        rows = plan_import(
            actor=request.user,
            assessment=assessment,
            result=result,
            replace=replace,
            source_name=pending.name,
            source_bytes=pending.data,
        )
    except ValidationError as exc:
        context["errors"] = exc.messages
        pending_forget(request, key=PENDING_KEY)
        return _preview(
            request, assessment, context, result, token="", name=pending.name, replace=replace
        )
    pending_forget(request, key=PENDING_KEY)
    messages.success(request, _("%(n)s plan rows imported.") % {"n": len(rows)})
    return redirect("measures:plan", slug=slug, year=year)

"""Importing procurement spreadsheets through the browser: upload → preview (every row, every
problem, how each column was read; unknown headers mapped here) → confirm.

The file waits between the steps (``prongsai.spreadsheets.pending``); the confirmation reads the
previewed file again from scratch with the user's column choices.
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

from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.spreadsheets.forms import ColumnMappingForm
from prongsai.spreadsheets.pending import (
    PendingUpload,
    pending_forget,
    pending_keep,
    pending_load,
    pending_update,
)

from .forms import ProcurementImportForm
from .importing import FIELDSET, ParseResult, parse_procurement_file, procurement_import
from .layouts import METHOD_TH, STAGE_TH
from .months import month_label

PENDING_KEY = "procurement-import"


def _scope(access: UnitAccess, year: int) -> str:
    return f"{access.unit.pk}:{year}"


@login_required
def import_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    context: dict[str, Any] = {
        "access": access,
        "unit": access.unit,
        "year": year,
        "tab": "procurement",
    }
    if request.method == "POST" and (request.POST.get("confirm") or request.POST.get("map")):
        pending = pending_load(
            request,
            key=PENDING_KEY,
            token=request.POST.get("token", ""),
            scope=_scope(access, year),
        )
        if pending is None:
            messages.error(request, _("This import has expired. Upload the file again."))
            return redirect("procurement:import", slug=slug, year=year)
        if request.POST.get("map"):
            return _remap(request, access, year, pending, context)
        return _confirm(request, access, year, pending, context)
    form = ProcurementImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = parse_procurement_file(access.unit, year, data, name=upload.name)
        token = ""
        if result.columns or result.ok:
            token = pending_keep(
                request,
                key=PENDING_KEY,
                data=data,
                name=upload.name,
                scope=_scope(access, year),
                chosen={},
            )
        else:
            pending_forget(request, key=PENDING_KEY)
        return _preview(request, access, year, context, result, token=token, name=upload.name)
    context["form"] = form
    return render(request, "procurement/import.html", context)


def _preview(
    request: HttpRequest,
    access: UnitAccess,
    year: int,
    context: dict[str, Any],
    result: ParseResult,
    *,
    token: str,
    name: str,
    mapping_form: ColumnMappingForm | None = None,
) -> HttpResponse:
    context.update(
        result=result,
        file_name=name,
        month_labels=[month_label(m) for m in sorted(result.months)],
        empty_labels=[month_label(m) for m in sorted(result.empty_months)],
        preview=[
            {
                "draft": d,
                "month": month_label(d.fields["month"]),
                "method": METHOD_TH.get(d.fields.get("method") or "", ""),
                "stage": STAGE_TH.get(d.fields.get("stage") or "", ""),
            }
            for d in result.drafts
        ],
    )
    if token and result.columns:
        context.update(
            mapping_form=mapping_form
            or ColumnMappingForm(columns=result.columns, fieldset=FIELDSET),
            mapping_token=token,
            mapping_url=reverse(
                "procurement:import", kwargs={"slug": access.unit.slug, "year": year}
            ),
            mapping_open=result.needs_mapping,
        )
    if token and result.ok:
        context["token"] = token
    return render(request, "procurement/import_preview.html", context)


def _remap(
    request: HttpRequest,
    access: UnitAccess,
    year: int,
    pending: PendingUpload,
    context: dict[str, Any],
) -> HttpResponse:
    chosen = dict(pending.meta.get("chosen") or {})
    first = parse_procurement_file(
        access.unit, year, pending.data, name=pending.name, chosen=chosen
    )
    form = ColumnMappingForm(request.POST, columns=first.columns, fieldset=FIELDSET)
    result = first
    if form.is_valid():
        chosen.update(form.chosen())
        pending_update(request, key=PENDING_KEY, chosen=chosen)
        result = parse_procurement_file(
            access.unit, year, pending.data, name=pending.name, chosen=chosen
        )
        form = ColumnMappingForm(columns=result.columns, fieldset=FIELDSET)
    return _preview(
        request,
        access,
        year,
        context,
        result,
        token=pending.token,
        name=pending.name,
        mapping_form=form,
    )


def _confirm(
    request: HttpRequest,
    access: UnitAccess,
    year: int,
    pending: PendingUpload,
    context: dict[str, Any],
) -> HttpResponse:
    result = parse_procurement_file(
        access.unit, year, pending.data, name=pending.name, chosen=pending.meta.get("chosen") or {}
    )
    try:
        made = procurement_import(
            actor=request.user,
            unit=access.unit,
            year=year,
            result=result,
            source_name=pending.name,
            source_bytes=pending.data,
        )
    except ValidationError as exc:
        context["errors"] = exc.messages
        pending_forget(request, key=PENDING_KEY)
        return _preview(request, access, year, context, result, token="", name=pending.name)
    pending_forget(request, key=PENDING_KEY)
    messages.success(
        request,
        _("%(n)s procurements imported for %(months)s.")
        % {"n": len(made), "months": ", ".join(month_label(m) for m in sorted(result.months))},
    )
    return redirect("procurement:year", slug=access.unit.slug, year=year)

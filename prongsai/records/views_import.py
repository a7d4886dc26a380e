"""Importing records through the browser, for any registered record kind (procurement too):
upload → preview (every row, every problem, how each column was read; unsure columns chosen on
the page) → confirm. The file waits between the steps (``spreadsheets.pending``) and is read
again from scratch on confirmation, as the measures plan import does."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core.actors import request_actor
from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.spreadsheets.forms import ColumnMappingForm
from prongsai.spreadsheets.pending import pending_forget, pending_keep, pending_load, pending_update

from .forms import RecordImportForm
from .kinds import ImportResult, RecordKind, record_kind

PENDING_KEY = "records-import"


def _kind(name: str) -> RecordKind:
    try:
        return record_kind(name)
    except KeyError:
        raise Http404("No such record kind") from None


@login_required
def import_view(request: HttpRequest, slug: str, year: int, record_kind: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    kind = _kind(record_kind)
    context: dict[str, Any] = {
        "access": access,
        "unit": access.unit,
        "year": year,
        "tab": "records",
        "kind": kind,
        "url": reverse(
            "records:import", kwargs={"slug": slug, "year": year, "record_kind": kind.name}
        ),
    }
    scope = f"{access.unit.pk}:{year}:{kind.name}"
    if request.method == "POST" and (request.POST.get("confirm") or request.POST.get("map")):
        pending = pending_load(
            request, key=PENDING_KEY, token=request.POST.get("token", ""), scope=scope
        )
        if pending is None:
            messages.error(request, _("This import has expired. Upload the file again."))
            return redirect("records:import", slug=slug, year=year, record_kind=kind.name)
        chosen = dict(pending.meta.get("chosen") or {})
        if request.POST.get("map"):
            first = kind.importer.parse(
                unit=access.unit, year=year, data=pending.data, name=pending.name, chosen=chosen
            )
            form = ColumnMappingForm(
                request.POST, columns=first.columns, fieldset=kind.importer.fieldset
            )
            result, mapping_form = first, form
            if form.is_valid():
                chosen.update(form.chosen())
                pending_update(request, key=PENDING_KEY, chosen=chosen)
                result = kind.importer.parse(
                    unit=access.unit, year=year, data=pending.data, name=pending.name, chosen=chosen
                )
                mapping_form = ColumnMappingForm(
                    columns=result.columns, fieldset=kind.importer.fieldset
                )
            return _preview(
                request,
                context,
                kind,
                result,
                token=pending.token,
                name=pending.name,
                mapping_form=mapping_form,
            )
        result = kind.importer.parse(
            unit=access.unit, year=year, data=pending.data, name=pending.name, chosen=chosen
        )
        try:
            written = kind.importer.save(
                actor=request_actor(request),
                unit=access.unit,
                year=year,
                result=result,
                source_name=pending.name,
                source_bytes=pending.data,
            )
        except ValidationError as exc:
            context["errors"] = exc.messages
            pending_forget(request, key=PENDING_KEY)
            return _preview(request, context, kind, result, token="", name=pending.name)
        pending_forget(request, key=PENDING_KEY)
        messages.success(request, _("%(n)s rows imported.") % {"n": written})
        return redirect(_after(access, year, kind.name))
    upload_form = RecordImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        data = upload.read()
        result = kind.importer.parse(unit=access.unit, year=year, data=data, name=upload.name or "")
        token = ""
        if result.columns:
            token = pending_keep(
                request, key=PENDING_KEY, data=data, name=upload.name or "", scope=scope, chosen={}
            )
        else:
            pending_forget(request, key=PENDING_KEY)
        return _preview(request, context, kind, result, token=token, name=upload.name or "")
    context.update(form=upload_form, fields=kind.importer.fieldset.fields)
    return render(request, "records/import.html", context)


def _after(access: UnitAccess, year: int, kind: str) -> str:
    names = {"statistics": "records:statistics", "budget": "records:budget", "fund": "records:fund"}
    if kind in names:
        return reverse(names[kind], kwargs={"slug": access.unit.slug, "year": year})
    return reverse("records:index", kwargs={"slug": access.unit.slug, "year": year})


def _preview(
    request: HttpRequest,
    context: dict[str, Any],
    kind: RecordKind,
    result: ImportResult,
    *,
    token: str,
    name: str,
    mapping_form: ColumnMappingForm | None = None,
) -> HttpResponse:
    context.update(
        result=result,
        file_name=name,
        preview=kind.preview(result) if kind.preview and result.rows else [],
    )
    if token and result.columns:
        context.update(
            mapping_form=mapping_form
            or ColumnMappingForm(columns=result.columns, fieldset=kind.importer.fieldset),
            mapping_token=token,
            mapping_url=context["url"],
            mapping_open=result.needs_mapping,
        )
    if token and result.ok:
        context["token"] = token
    return render(request, "records/import_preview.html", context)

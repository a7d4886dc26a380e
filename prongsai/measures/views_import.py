"""Importing a plan through the browser: upload → preview (every row, every problem) → confirm.

The uploaded file waits in storage under a random token kept in the uploader's session, so the
confirmation imports exactly the file that was previewed, validated again from scratch.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import assessment_for
from prongsai.organizations.access import Capability, unit_access
from prongsai.organizations.selectors import unit_ancestors

from .forms import PlanImportForm
from .importing import ParseResult, parse_plan_file, plan_import
from .models import PlanRow
from .parsing import CADENCE_TH, STATUS_TH, format_channels, format_period

SESSION_KEY = "measures-import"


def _pending_name(token: str) -> str:
    return f"measures-imports/{token}.upload"


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        default_storage.delete(_pending_name(pending["token"]))


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
        "unit_ancestors": unit_ancestors(access.unit),
        "year": year,
        "assessment": assessment,
        "tab": "plan",
    }
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request, assessment, context)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = parse_plan_file(assessment, data)
        context.update(
            result=result,
            preview=_preview_rows(result, assessment),
            replace=form.cleaned_data["replace"],
            file_name=upload.name,
            existing=PlanRow.objects.filter(assessment=assessment).count(),
        )
        _forget(request)
        if result.ok:
            token = secrets.token_urlsafe(24)
            default_storage.save(_pending_name(token), ContentFile(data))
            request.session[SESSION_KEY] = {
                "token": token,
                "assessment": str(assessment.pk),
                "name": upload.name[-200:],
                "sha256": hashlib.sha256(data).hexdigest(),
                "replace": bool(form.cleaned_data["replace"]),
            }
            context["token"] = token
        return render(request, "measures/import_preview.html", context)
    context["form"] = form
    return render(request, "measures/import.html", context)


def _confirm(request: HttpRequest, assessment: Assessment, context: dict[str, Any]) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    slug, year = assessment.unit.slug, assessment.year
    if (
        not pending
        or pending.get("token") != request.POST.get("token")
        or pending.get("assessment") != str(assessment.pk)
        or not default_storage.exists(_pending_name(pending["token"]))
    ):
        messages.error(request, _("This import has expired. Upload the file again."))
        return redirect("measures:import", slug=slug, year=year)
    with default_storage.open(_pending_name(pending["token"]), "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != pending["sha256"]:
        _forget(request)
        messages.error(request, _("This import has expired. Upload the file again."))
        return redirect("measures:import", slug=slug, year=year)
    result = parse_plan_file(assessment, data)
    try:
        rows = plan_import(
            actor=request.user,
            assessment=assessment,
            result=result,
            replace=pending["replace"],
            source_name=pending["name"],
            source_bytes=data,
        )
    except ValidationError as exc:
        context.update(
            result=result,
            preview=_preview_rows(result, assessment),
            replace=pending["replace"],
            file_name=pending["name"],
            errors=exc.messages,
        )
        _forget(request)
        return render(request, "measures/import_preview.html", context)
    _forget(request)
    messages.success(request, _("%(n)s plan rows imported.") % {"n": len(rows)})
    return redirect("measures:plan", slug=slug, year=year)

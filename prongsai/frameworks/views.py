"""Browse frameworks in Thai or English; export them to XLSX/YAML and import corrections."""

from __future__ import annotations

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.organizations.access import (
    is_framework_manager,
    is_framework_reader,
    require_framework_manager,
)

from . import selectors, services
from .forms import FrameworkUploadForm
from .models import Framework
from .xlsx import definition_to_xlsx


def _require_member(request: HttpRequest) -> None:
    """Frameworks are read by anyone who works on an assessment: any role anywhere."""
    if not is_framework_reader(request.user):
        raise PermissionDenied("Frameworks are for members of a unit")


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    _require_member(request)
    return render(
        request,
        "frameworks/framework_list.html",
        {
            "frameworks": selectors.frameworks_list(),
            "can_manage": is_framework_manager(request.user),
            "form": FrameworkUploadForm(),
        },
    )


@login_required
def framework_detail(request: HttpRequest, framework_id: str) -> HttpResponse:
    _require_member(request)
    framework = get_object_or_404(Framework, pk=framework_id)
    spec = framework.spec
    return render(
        request,
        "frameworks/framework_detail.html",
        {
            "framework": framework,
            "spec": spec,
            "tree": selectors.oit_tree(framework),
            "iit": [(i, spec.questions_by_indicator[i.id]) for i in spec.indicators_of("IIT")],
            "eit": [(i, spec.questions_by_indicator[i.id]) for i in spec.indicators_of("EIT")],
            "profile": spec.profile_questions,
            "can_manage": is_framework_manager(request.user),
        },
    )


@login_required
def framework_export(request: HttpRequest, framework_id: str, fmt: str) -> HttpResponse:
    require_framework_manager(request)
    framework = get_object_or_404(Framework, pk=framework_id)
    name = f"{framework.code}-v{framework.version}"
    if fmt == "xlsx":
        response = HttpResponse(
            definition_to_xlsx(framework.definition),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        text = yaml.safe_dump(framework.definition, allow_unicode=True, sort_keys=False, width=100)
        response = HttpResponse(text, content_type="application/x-yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_POST
def framework_import(request: HttpRequest) -> HttpResponse:
    require_framework_manager(request)
    form = FrameworkUploadForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_DEFINITION_BYTES:
            problems = [_("The file is larger than 5 MB.")]
        else:
            outcome = services.framework_import(
                actor=request.user,
                content=upload.read(),
                filename=upload.name,
                check_only=request.POST.get("action") == "check",
            )
            problems = outcome.problems
            if outcome.checked_only:
                messages.success(request, _("The file is valid: nothing was loaded yet."))
                return redirect("frameworks:list")
            if outcome.framework is not None:
                fw = outcome.framework
                if outcome.created:
                    messages.success(
                        request,
                        _("Loaded %(code)s version %(version)s.")
                        % {"code": fw.code, "version": fw.version},
                    )
                else:
                    messages.info(request, _("This framework is already loaded: nothing changed."))
                return redirect("frameworks:detail", framework_id=fw.pk)
    return render(
        request,
        "frameworks/framework_list.html",
        {
            "frameworks": selectors.frameworks_list(),
            "can_manage": True,
            "form": form,
            "problems": problems,
        },
        status=400,
    )

"""Adding, editing, publishing and removing an item's evidence (editors and unit admins)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.assessments.selectors import item_period
from prongsai.organizations.access import Capability, unit_access

from .. import selectors, services
from ..forms import (
    EvidenceEditForm,
    FileEvidenceForm,
    LinkEvidenceForm,
    PageEvidenceForm,
    PageImageForm,
    StatementForm,
)
from ..models import Evidence
from ..services.statements import statement_text
from .common import error_messages, load_item, unit_context

KIND_TITLES = {
    "link": gettext_lazy("Add a link"),
    "file": gettext_lazy("Upload a file"),
    "page": gettext_lazy("Write a page"),
    "statement": gettext_lazy("State “none in this period”"),
}
FORMS: dict[str, type[Form]] = {
    "link": LinkEvidenceForm,
    "file": FileEvidenceForm,
    "page": PageEvidenceForm,
    "statement": StatementForm,
}


def _render_form(
    request: HttpRequest, context: dict[str, Any], form: Form, heading: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "disclosures/evidence_form.html",
        {**context, "form": form, "heading": heading, **extra},
    )


def _add(request: HttpRequest, slug: str, year: int, code: str, kind: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment, item, work = load_item(access, year, code)
    if work is not None and not work.is_editable:
        messages.error(request, _("This item cannot be changed now."))
        return redirect("disclosures:item", slug=slug, year=year, code=code)
    period = item_period(assessment, item.code)
    statement = statement_text(assessment, item)
    if kind == "statement" and statement is None:
        raise Http404("This item takes no statement")
    initial = {
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "publish": True,
    }
    form = FORMS[kind](request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "assessment": assessment,
            "item": item,
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "publish": data["publish"],
        }
        try:
            if kind == "statement":
                services.evidence_add_statement(**common)
            elif kind == "link":
                services.evidence_add_link(title=data["title"], url=data["url"], **common)
            elif kind == "file":
                services.evidence_add_file(upload=data["file"], title=data["title"], **common)
            else:
                evidence = services.evidence_add_page(
                    title=data["title"],
                    body_html=data["body_html"],
                    images=data["images"],
                    **common,
                )
                if data["images"]:
                    messages.success(request, _("Page saved. Now place the pictures in the text."))
                    return redirect(
                        "disclosures:evidence_edit",
                        slug=slug,
                        year=year,
                        code=code,
                        evidence_id=evidence.pk,
                    )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Statement recorded.") if kind == "statement" else _("Evidence added.")
            )
            return redirect("disclosures:item", slug=slug, year=year, code=code)
    context = unit_context(
        access, assessment, item=item, work=work, kind=kind, period=period, statement=statement
    )
    return _render_form(request, context, form, str(KIND_TITLES[kind]))


@login_required
def evidence_add_link(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    return _add(request, slug, year, code, "link")


@login_required
def evidence_add_file(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    return _add(request, slug, year, code, "file")


@login_required
def evidence_add_page(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    return _add(request, slug, year, code, "page")


@login_required
def evidence_add_statement(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    return _add(request, slug, year, code, "statement")


def _evidence(work: Any, evidence_id: Any) -> Evidence:
    if work is None:
        raise Http404("No such evidence")
    return get_object_or_404(
        Evidence.objects.select_related("file").prefetch_related("images"),
        pk=evidence_id,
        work=work,
    )


@login_required
def evidence_edit(
    request: HttpRequest, slug: str, year: int, code: str, evidence_id: str
) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment, item, work = load_item(access, year, code)
    evidence = _evidence(work, evidence_id)
    assert work is not None
    if not work.is_editable:
        messages.error(request, _("This item cannot be changed now."))
        return redirect("disclosures:item", slug=slug, year=year, code=code)
    if evidence.is_statement:
        messages.error(
            request, _("A statement cannot be changed: delete it and record the statement again.")
        )
        return redirect("disclosures:item", slug=slug, year=year, code=code)
    initial = {
        "title": evidence.title,
        "url": evidence.url,
        "body_html": evidence.body_html,
        "period_start": evidence.period_start,
        "period_end": evidence.period_end,
    }
    form = EvidenceEditForm(request.POST or None, initial=initial, kind=evidence.kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evidence_update(
                actor=request.user,
                evidence=evidence,
                title=data["title"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                url=data.get("url"),
                body_html=data.get("body_html"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Evidence saved."))
            return redirect("disclosures:item", slug=slug, year=year, code=code)
    context = unit_context(access, assessment, item=item, work=work, kind=evidence.kind)
    images = (
        [(image, selectors.file_path(image.pk)) for image in evidence.images.all()]
        if evidence.kind == Evidence.Kind.PAGE
        else []
    )
    return _render_form(
        request,
        context,
        form,
        _("Edit evidence"),
        evidence=evidence,
        images=images,
        image_form=PageImageForm() if evidence.kind == Evidence.Kind.PAGE else None,
    )


@login_required
@require_POST
def evidence_image_add(
    request: HttpRequest, slug: str, year: int, code: str, evidence_id: str
) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    _assessment, _item, work = load_item(access, year, code)
    evidence = _evidence(work, evidence_id)
    form = PageImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.page_image_add(
                actor=request.user, evidence=evidence, upload=form.cleaned_data["image"]
            )
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("Picture added. Place it in the text with its button."))
    else:
        messages.error(request, _("Choose a picture to upload."))
    return redirect(
        "disclosures:evidence_edit", slug=slug, year=year, code=code, evidence_id=evidence.pk
    )


@login_required
@require_POST
def evidence_delete(
    request: HttpRequest, slug: str, year: int, code: str, evidence_id: str
) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    _assessment, _item, work = load_item(access, year, code)
    evidence = _evidence(work, evidence_id)
    try:
        services.evidence_delete(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect("disclosures:item", slug=slug, year=year, code=code)


@login_required
@require_POST
def evidence_publish(
    request: HttpRequest, slug: str, year: int, code: str, evidence_id: str
) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    _assessment, _item, work = load_item(access, year, code)
    evidence = _evidence(work, evidence_id)
    published = request.POST.get("published") == "1"
    try:
        services.evidence_set_published(actor=request.user, evidence=evidence, published=published)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(
            request,
            _("Published on the public page.") if published else _("Taken off the public page."),
        )
    return redirect("disclosures:item", slug=slug, year=year, code=code)

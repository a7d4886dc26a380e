"""Pages of the bribery-risk register (``/u/<slug>/<year>/risks/…``).

Thin views: access check first (``unit_access``), then a form, a service or selector, a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import assessment_for
from prongsai.core.thai_dates import fiscal_half_end, fiscal_year_bounds
from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.publications.registry import series_for
from prongsai.publications.selectors import series_periods

from . import selectors, services
from .forms import EventForm, FollowUpForm, ProcessForm, StartForm, TreatmentForm, scheme_of
from .heatmap import heat_grid, heat_map_png
from .models import Register
from .publishing import ASSESSMENT_SERIES, RESULTS_SERIES


def _page(access: UnitAccess, assessment: Assessment, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "unit": access.unit,
        "year": assessment.year,
        "assessment": assessment,
        "tab": "risks",
        **extra,
    }


def _open(
    request: HttpRequest, slug: str, year: int, need: Capability = Capability.VIEW
) -> tuple[UnitAccess, Assessment, Register]:
    access = unit_access(request, slug, need=need)
    assessment = assessment_for(access.unit, year)
    return access, assessment, selectors.register_in(assessment)


def _to_register(slug: str, year: int) -> HttpResponse:
    return redirect("risks:register", slug=slug, year=year)


def _errors_to_form(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def register(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    reg = selectors.register_of(assessment)
    if reg is None:
        can_copy = selectors.previous_register_exists(assessment)
        form = StartForm(can_copy=can_copy, previous_year=year - 1) if access.can_edit else None
        return render(request, "risks/start.html", _page(access, assessment, form=form))
    view = selectors.register_view(reg)
    published = [
        (spec, series_periods(access.unit, year, name))
        for name, spec in ((n, series_for(n)) for n in (ASSESSMENT_SERIES, RESULTS_SERIES))
    ]
    return render(
        request,
        "risks/register.html",
        _page(
            access,
            assessment,
            register=reg,
            view=view,
            before=heat_grid(view.scheme, view.events),
            after=heat_grid(view.scheme, view.events, after=True),
            half_end=fiscal_half_end(year),
            year_end=fiscal_year_bounds(year)[1],
            published=published,
            publish_choices=[
                ("assessment", _("Publish O19")),
                ("results-h1", _("Publish O20 (6 months)")),
                ("results-h2", _("Publish O20 (12 months)")),
            ],
            any_published=any(periods for _spec, periods in published),
        ),
    )


@login_required
@require_POST
def start(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    form = StartForm(
        request.POST,
        can_copy=selectors.previous_register_exists(assessment),
        previous_year=year - 1,
    )
    if form.is_valid():
        try:
            services.register_open(
                actor=request.user, assessment=assessment, start=form.cleaned_data["start"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The risk register is open."))
    return _to_register(slug, year)


def _form_page(
    request: HttpRequest,
    access: UnitAccess,
    assessment: Assessment,
    form: Form,
    save: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    done: Callable[[Any], HttpResponse],
    **extra: Any,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return done(saved)
    return render(
        request,
        "risks/form.html",
        _page(access, assessment, form=form, page_title=title, **extra),
    )


# --- processes ---------------------------------------------------------------------------------
@login_required
def process_new(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access, assessment, reg = _open(request, slug, year, Capability.EDIT)
    return _form_page(
        request,
        access,
        assessment,
        ProcessForm(request.POST or None),
        lambda data: services.process_save(actor=request.user, register=reg, **data),
        title=_("Add a process"),
        done=lambda p: redirect(f"{_register_url(slug, year)}#process-{p.pk}"),
    )


@login_required
def process_edit(request: HttpRequest, slug: str, year: int, risk_process_id: str) -> HttpResponse:
    access, assessment, reg = _open(request, slug, year, Capability.EDIT)
    process = selectors.process_in(reg, risk_process_id)
    initial = {name: getattr(process, name) for name in services.PROCESS_FIELDS}
    return _form_page(
        request,
        access,
        assessment,
        ProcessForm(request.POST or None, initial=initial),
        lambda data: services.process_save(
            actor=request.user, register=reg, process=process, **data
        ),
        title=_("Edit the process"),
        done=lambda p: redirect(f"{_register_url(slug, year)}#process-{p.pk}"),
        delete_url=reverse(
            "risks:process_delete",
            kwargs={"slug": slug, "year": year, "risk_process_id": process.pk},
        ),
    )


@login_required
@require_POST
def process_delete(
    request: HttpRequest, slug: str, year: int, risk_process_id: str
) -> HttpResponse:
    _access, _assessment, reg = _open(request, slug, year, Capability.EDIT)
    services.process_delete(actor=request.user, process=selectors.process_in(reg, risk_process_id))
    messages.success(request, _("Process deleted."))
    return _to_register(slug, year)


def _register_url(slug: str, year: int) -> str:
    return reverse("risks:register", kwargs={"slug": slug, "year": year})


# --- risk events -------------------------------------------------------------------------------
@login_required
def event_new(request: HttpRequest, slug: str, year: int, risk_process_id: str) -> HttpResponse:
    access, assessment, reg = _open(request, slug, year, Capability.EDIT)
    process = selectors.process_in(reg, risk_process_id)
    return _form_page(
        request,
        access,
        assessment,
        EventForm(request.POST or None, scheme=scheme_of(reg)),
        lambda data: services.event_save(actor=request.user, process=process, **data),
        title=_("Add a risk event to “%(process)s”") % {"process": process.name},
        done=lambda e: redirect("risks:event", slug=slug, year=year, risk_event_id=e.pk),
        scheme=scheme_of(reg),
    )


@login_required
def event_edit(request: HttpRequest, slug: str, year: int, risk_event_id: str) -> HttpResponse:
    access, assessment, reg = _open(request, slug, year, Capability.EDIT)
    event = selectors.event_in(reg, risk_event_id)
    initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    return _form_page(
        request,
        access,
        assessment,
        EventForm(request.POST or None, scheme=scheme_of(reg), initial=initial),
        lambda data: services.event_save(
            actor=request.user, process=event.process, event=event, **data
        ),
        title=_("Edit the risk event"),
        done=lambda e: redirect("risks:event", slug=slug, year=year, risk_event_id=e.pk),
        scheme=scheme_of(reg),
        delete_url=reverse(
            "risks:event_delete",
            kwargs={"slug": slug, "year": year, "risk_event_id": event.pk},
        ),
    )


@login_required
@require_POST
def event_delete(request: HttpRequest, slug: str, year: int, risk_event_id: str) -> HttpResponse:
    _access, _assessment, reg = _open(request, slug, year, Capability.EDIT)
    services.event_delete(actor=request.user, event=selectors.event_in(reg, risk_event_id))
    messages.success(request, _("Risk event deleted."))
    return _to_register(slug, year)


def _event_view(reg: Register, event_id: Any) -> Any:
    view = selectors.register_view(reg)
    for item in view.events:
        if str(item.event.pk) == str(event_id):
            return view, item
    raise Http404("No such risk event")


@login_required
def event_detail(request: HttpRequest, slug: str, year: int, risk_event_id: str) -> HttpResponse:
    access, assessment, reg = _open(request, slug, year)
    selectors.event_in(reg, risk_event_id)
    view, item = _event_view(reg, risk_event_id)
    return render(
        request,
        "risks/event.html",
        _page(access, assessment, register=reg, view=view, item=item, scheme=view.scheme),
    )


# --- treatments --------------------------------------------------------------------------------
@login_required
def treatment_new(request: HttpRequest, slug: str, year: int, risk_event_id: str) -> HttpResponse:
    access, assessment, reg = _open(request, slug, year, Capability.EDIT)
    event = selectors.event_in(reg, risk_event_id)
    return _form_page(
        request,
        access,
        assessment,
        TreatmentForm(request.POST or None, register=reg),
        lambda data: services.treatment_save(actor=request.user, event=event, **data),
        title=_("Add a treatment"),
        done=lambda t: redirect("risks:event", slug=slug, year=year, risk_event_id=event.pk),
    )


@login_required
def treatment_edit(
    request: HttpRequest, slug: str, year: int, risk_treatment_id: str
) -> HttpResponse:
    access, assessment, reg = _open(request, slug, year, Capability.EDIT)
    treatment = selectors.treatment_in(reg, risk_treatment_id)
    initial = {name: getattr(treatment, name) for name in services.TREATMENT_FIELDS}
    return _form_page(
        request,
        access,
        assessment,
        TreatmentForm(request.POST or None, register=reg, initial=initial),
        lambda data: services.treatment_save(
            actor=request.user, event=treatment.event, treatment=treatment, **data
        ),
        title=_("Edit the treatment"),
        done=lambda t: redirect(
            "risks:event", slug=slug, year=year, risk_event_id=treatment.event_id
        ),
        delete_url=reverse(
            "risks:treatment_delete",
            kwargs={"slug": slug, "year": year, "risk_treatment_id": treatment.pk},
        ),
    )


@login_required
@require_POST
def treatment_delete(
    request: HttpRequest, slug: str, year: int, risk_treatment_id: str
) -> HttpResponse:
    _access, _assessment, reg = _open(request, slug, year, Capability.EDIT)
    treatment = selectors.treatment_in(reg, risk_treatment_id)
    event_id = treatment.event_id
    services.treatment_delete(actor=request.user, treatment=treatment)
    messages.success(request, _("Treatment deleted."))
    return redirect("risks:event", slug=slug, year=year, risk_event_id=event_id)


@login_required
def treatment_detail(
    request: HttpRequest, slug: str, year: int, risk_treatment_id: str
) -> HttpResponse:
    need = Capability.EDIT if request.method == "POST" else Capability.VIEW
    access, assessment, reg = _open(request, slug, year, need)
    treatment = selectors.treatment_in(reg, risk_treatment_id)
    scheme = scheme_of(reg)
    form = None
    if access.can_edit:
        today = timezone.localdate()
        form = FollowUpForm(
            request.POST or None,
            request.FILES or None,
            scheme=scheme,
            initial={
                "date": today,
                "status": treatment.status,
                "round": 6 if today <= fiscal_half_end(year) else 12,
            },
        )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.followup_add(actor=request.user, treatment=treatment, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Follow-up recorded."))
            return redirect("risks:treatment", slug=slug, year=year, risk_treatment_id=treatment.pk)
    _view, item = _event_view(reg, treatment.event_id)
    treatment_view = next(t for t in item.treatments if t.treatment.pk == treatment.pk)
    return render(
        request,
        "risks/treatment.html",
        _page(
            access,
            assessment,
            register=reg,
            item=item,
            tv=treatment_view,
            form=form,
            half_end=fiscal_half_end(year),
            year_end=fiscal_year_bounds(year)[1],
        ),
    )


@login_required
@require_POST
def followup_delete(
    request: HttpRequest, slug: str, year: int, risk_followup_id: str
) -> HttpResponse:
    _access, _assessment, reg = _open(request, slug, year, Capability.EDIT)
    followup = selectors.followup_in(reg, risk_followup_id)
    treatment_id = followup.treatment_id
    services.followup_delete(actor=request.user, followup=followup)
    messages.success(request, _("Follow-up deleted."))
    return redirect("risks:treatment", slug=slug, year=year, risk_treatment_id=treatment_id)


@login_required
def photo(request: HttpRequest, slug: str, year: int, risk_photo_id: str) -> FileResponse:
    """A follow-up photo: raster images only (sniffed and re-encoded at upload)."""
    _access, _assessment, reg = _open(request, slug, year)
    item = selectors.photo_in(reg, risk_photo_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    extension = str(item.file.name).rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="photo-{item.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def heat_map(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The heat-map picture (PNG) the documents carry, for the page's "download picture"."""
    _access, _assessment, reg = _open(request, slug, year)
    view = selectors.register_view(reg)
    response = HttpResponse(heat_map_png(view.scheme, view.events), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="heatmap-{slug}-{year}.png"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

"""Pages of the measures plan: the plan with its overdue list, rows, progress, photos, files.

Thin views: access check first (``unit_access``), then a form, a service or selector, a page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import assessment_for
from prongsai.core.thai_dates import fiscal_half_end, fiscal_year_bounds
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability, UnitAccess, unit_access

from . import selectors, services
from .cadence import reference_day
from .document_kinds import PLAN, plan_params
from .forms import PlanFilterForm, PlanRowForm, ProgressForm
from .models import PlanRow, Status
from .parsing import cadence_display, format_channels, format_period
from .tasks import send_plan_reminders


def _page(access: UnitAccess, assessment: Assessment, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "unit": access.unit,
        "year": assessment.year,
        "assessment": assessment,
        "tab": "plan",
        **extra,
    }


def _display(row: PlanRow, titles: dict[str, str]) -> dict[str, Any]:
    return {
        "row": row,
        "indicator_title": titles.get(row.indicator, ""),
        "channels": format_channels(row.channels, row.channels_other),
        "period": format_period(row.period_start, row.period_end, row.period_text),
        "cadence": cadence_display(row.cadence, row.cadence_text),
    }


@login_required
def plan(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    filters = PlanFilterForm(request.GET or None, assessment=assessment)
    indicator = status = ""
    overdue_only = False
    if filters.is_valid():
        indicator = filters.cleaned_data["indicator"]
        status = filters.cleaned_data["status"]
        overdue_only = filters.cleaned_data["overdue"]
    overdue = selectors.overdue_rows(assessment)
    overdue_by_row = {item.row.pk: item for item in overdue}
    titles = selectors.indicator_titles(assessment)
    rows = []
    for row in selectors.plan_rows(assessment, indicator=indicator, status=status):
        if overdue_only and row.pk not in overdue_by_row:
            continue
        rows.append({**_display(row, titles), "overdue": overdue_by_row.get(row.pk)})
    all_rows = selectors.plan_rows(assessment)
    counts = {s.value: all_rows.filter(status=s.value).count() for s in Status}
    return render(
        request,
        "measures/plan.html",
        _page(
            access,
            assessment,
            filters=filters,
            rows=rows,
            total=all_rows.count(),
            counts=counts,
            overdue=overdue,
            as_of=reference_day(assessment.year, timezone.localdate()),
            filtered=bool(indicator or status or overdue_only),
        ),
    )


def _row_form_page(
    request: HttpRequest, access: UnitAccess, assessment: Assessment, row: PlanRow | None
) -> HttpResponse:
    initial = PlanRowForm.initial_from(row) if row else {"status": Status.NOT_STARTED}
    form = PlanRowForm(request.POST or None, assessment=assessment, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if row is None:
                row = services.plan_row_create(
                    actor=request.user,
                    assessment=assessment,
                    **form.service_fields(creating=True),
                )
                messages.success(request, _("Plan row added."))
            else:
                services.plan_row_update(actor=request.user, row=row, **form.service_fields())
                messages.success(request, _("Plan row saved."))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            return redirect(
                "measures:row", slug=access.unit.slug, year=assessment.year, row_id=row.pk
            )
    return render(
        request,
        "measures/row_form.html",
        _page(access, assessment, form=form, row=row),
    )


@login_required
def row_new(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    return _row_form_page(request, access, assessment_for(access.unit, year), None)


@login_required
def row_edit(request: HttpRequest, slug: str, year: int, row_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    return _row_form_page(request, access, assessment, selectors.row_in(assessment, row_id))


@login_required
@require_POST
def row_delete(request: HttpRequest, slug: str, year: int, row_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    services.plan_row_delete(actor=request.user, row=selectors.row_in(assessment, row_id))
    messages.success(request, _("Plan row deleted."))
    return redirect("measures:plan", slug=slug, year=year)


@login_required
@require_POST
def row_move(request: HttpRequest, slug: str, year: int, row_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    row = selectors.row_in(assessment, row_id)
    offset = {"up": -1, "down": 1, "top": -100_000, "bottom": 100_000}.get(
        request.POST.get("direction", ""), 0
    )
    if offset:
        services.plan_row_move(actor=request.user, row=row, offset=offset)
    return redirect(f"{_plan_url(slug, year)}#row-{row.pk}")


def _plan_url(slug: str, year: int) -> str:
    return reverse("measures:plan", kwargs={"slug": slug, "year": year})


@login_required
def row_detail(request: HttpRequest, slug: str, year: int, row_id: str) -> HttpResponse:
    need = Capability.EDIT if request.method == "POST" else Capability.VIEW
    access = unit_access(request, slug, need=need)
    assessment = assessment_for(access.unit, year)
    row = selectors.row_in(assessment, row_id)
    form = None
    if access.can_edit:
        form = ProgressForm(
            request.POST or None,
            request.FILES or None,
            initial={"date": timezone.localdate(), "status": row.status},
        )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_add(
                actor=request.user,
                row=row,
                date=data["date"],
                text=data["text"],
                status=data["status"],
                links=data["links"],
                photos=data["photos"],
                idempotency_key=data["idempotency_key"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("measures:row", slug=slug, year=year, row_id=row.pk)
    titles = selectors.indicator_titles(assessment)
    overdue = next((o for o in selectors.overdue_rows(assessment) if o.row.pk == row.pk), None)
    return render(
        request,
        "measures/row_detail.html",
        _page(
            access,
            assessment,
            **_display(row, titles),
            updates=selectors.row_updates(row),
            overdue=overdue,
            form=form,
            half_end=fiscal_half_end(assessment.year),
            year_end=fiscal_year_bounds(assessment.year)[1],
        ),
    )


@login_required
@require_POST
def update_delete(request: HttpRequest, slug: str, year: int, update_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    update = selectors.update_in(assessment, update_id)
    row_id = update.row_id
    services.progress_delete(actor=request.user, update=update)
    messages.success(request, _("Progress update deleted."))
    return redirect("measures:row", slug=slug, year=year, row_id=row_id)


@login_required
def photo(request: HttpRequest, slug: str, year: int, photo_id: str) -> FileResponse:
    """A progress photo: raster images only (sniffed and re-encoded at upload), never HTML/SVG."""
    access = unit_access(request, slug)
    item = selectors.photo_in(assessment_for(access.unit, year), photo_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    extension = str(item.file.name).rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="photo-{item.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _export(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    document = document_request(
        actor=request.user, access=access, kind=PLAN, params=plan_params(assessment, fmt)
    )
    return document_redirect(document)


@login_required
@require_POST
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, "xlsx")


@login_required
@require_POST
def export_docx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, "docx")


@login_required
@require_POST
def remind(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = assessment_for(access.unit, year)
    send_plan_reminders.enqueue(str(assessment.pk))
    messages.success(
        request,
        _("Reminders are on their way to the people responsible for overdue rows."),
    )
    return redirect("measures:plan", slug=slug, year=year)

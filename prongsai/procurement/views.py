"""Pages of a unit's procurement records (O13, O14): the year by month, one procurement's form,
the unit's profile for the police layout, and the documents' buttons.

Thin views: access check first (``unit_access``), then a form, a service or selector, a page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.publications.selectors import series_periods

from . import selectors, services
from .document_kinds import PLAN, POLICE, SUMMARY
from .forms import ProcurementForm, ProfileForm, PublishForm
from .layouts import METHOD_TH, STAGE_TH
from .models import Procurement
from .months import month_label, month_period
from .publishing import procurement_publish


def _page(access: UnitAccess, year: int, **extra: Any) -> dict[str, Any]:
    return {"access": access, "unit": access.unit, "year": year, "tab": "procurement", **extra}


@login_required
def year_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    records = list(selectors.procurements(access.unit, year))
    by_month: dict[Any, list[Procurement]] = {}
    for record in records:
        by_month.setdefault(record.month, []).append(record)
    published = {
        row.period: row
        for name in (SUMMARY, PLAN)
        for row in series_periods(access.unit, year, name)
    }
    police = {row.period: row for row in series_periods(access.unit, year, POLICE)}
    months = [
        {
            "month": count.month,
            "period": month_period(count.month),
            "label": month_label(count.month),
            "count": count.count,
            "total": count.total,
            "records": by_month.get(count.month, []),
            "published": published.get(month_period(count.month)),
            "police": police.get(month_period(count.month)),
        }
        for count in selectors.month_counts(access.unit, year)
    ]
    quarters = [
        {"period": f"q{n}", "number": n, "published": published.get(f"q{n}")} for n in range(1, 5)
    ]
    return render(
        request,
        "procurement/year.html",
        _page(
            access,
            year,
            months=months,
            quarters=quarters,
            total=len(records),
            method_th=METHOD_TH,
            stage_th=STAGE_TH,
            profile=selectors.profile_of(access.unit),
        ),
    )


def _save(
    request: HttpRequest, access: UnitAccess, year: int, procurement: Procurement | None
) -> HttpResponse:
    initial = ProcurementForm.initial_from(procurement) if procurement else None
    form = ProcurementForm(request.POST or None, year=year, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if procurement is None:
                services.procurement_create(
                    actor=request.user,
                    unit=access.unit,
                    year=year,
                    fields=form.service_fields(),
                    bids=form.cleaned_data["bids"],
                )
                messages.success(request, _("Procurement recorded."))
            else:
                services.procurement_update(
                    actor=request.user,
                    procurement=procurement,
                    fields=form.service_fields(),
                    bids=form.cleaned_data["bids"],
                )
                messages.success(request, _("Procurement saved."))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("procurement:year", slug=access.unit.slug, year=year)
    return render(
        request,
        "procurement/form.html",
        _page(access, year, form=form, procurement=procurement),
    )


@login_required
def procurement_new(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    return _save(request, access, year, None)


@login_required
def procurement_edit(
    request: HttpRequest, slug: str, year: int, procurement_id: Any
) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    procurement = selectors.procurement_of(access.unit, year, procurement_id)
    if procurement is None:
        raise Http404("No such procurement")
    return _save(request, access, year, procurement)


@login_required
@require_POST
def procurement_delete(
    request: HttpRequest, slug: str, year: int, procurement_id: Any
) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    procurement = selectors.procurement_of(access.unit, year, procurement_id)
    if procurement is None:
        raise Http404("No such procurement")
    services.procurement_delete(actor=request.user, procurement=procurement)
    messages.success(request, _("Procurement removed."))
    return redirect("procurement:year", slug=slug, year=year)


@login_required
def profile(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    current = selectors.profile_of(access.unit)
    form = ProfileForm(
        request.POST or None,
        initial={name: getattr(current, name) for name in services.PROFILE_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(actor=request.user, unit=access.unit, fields=form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved."))
            return redirect("procurement:year", slug=slug, year=year)
    return render(request, "procurement/profile.html", _page(access, year, form=form))


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    form = PublishForm(request.POST, year=year)
    if not form.is_valid():
        messages.error(request, _("Choose a month or a quarter to publish."))
        return redirect("procurement:year", slug=slug, year=year)
    period = form.cleaned_data["period"]
    try:
        procurement_publish(
            actor=request.user,
            access=access,
            year=year,
            period=period,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Published. The public files are being prepared."))
    return redirect(f"{reverse('procurement:year', kwargs={'slug': slug, 'year': year})}#publish")

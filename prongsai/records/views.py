"""The records pages of a unit's fiscal year: overview with the publication calendar, the
operations report per month, statistics, budget, fund; every write through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.actors import request_actor
from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.publications.selectors import series_periods
from prongsai.publications.services import publication_publish

from . import selectors, services
from .calendar import KINDS, kind_calendar, records_calendar
from .document_kinds import SERIES, SERIES_TITLES, series_name
from .forms import (
    BudgetLineForm,
    BudgetMonthForm,
    EntryForm,
    FundForm,
    PublishForm,
    RecordsSettingsForm,
    SeriesForm,
    ValuesForm,
)
from .periods import QUARTERS, fiscal_months, month_label, quarter_label


def _context(access: UnitAccess, year: int, **extra: Any) -> dict[str, Any]:
    return {"access": access, "unit": access.unit, "year": year, "tab": "records", **extra}


def _month(year: int, month: str) -> str:
    if month not in fiscal_months(year):
        raise Http404("No such month")
    return month


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def index(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.VIEW)
    calendars = records_calendar(access.unit, year)
    due_form = RecordsSettingsForm(
        initial={
            "due_day": selectors.due_day(access.unit),
            "thai_digits": selectors.thai_digits(access.unit),
        }
    )
    return render(
        request,
        "records/index.html",
        _context(access, year, calendars=calendars, due_form=due_form),
    )


@login_required
@require_POST
def settings_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    form = RecordsSettingsForm(request.POST)
    if form.is_valid():
        services.records_settings_set(
            actor=request_actor(request),
            unit=access.unit,
            due_day=form.cleaned_data["due_day"],
            thai_digits=form.cleaned_data["thai_digits"],
        )
        messages.success(request, _("The publication settings are saved."))
    else:
        messages.error(request, _("The due day must be between 1 and 28."))
    return redirect("records:index", slug=slug, year=year)


# --- operations ------------------------------------------------------------------------------
@login_required
def operations(request: HttpRequest, slug: str, year: int, month: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.VIEW)
    month = _month(year, month)
    form = EntryForm(
        request.POST or None, request.FILES or None, year=year, initial={"month": month}
    )
    if request.method == "POST":
        access = unit_access(request, slug, need=Capability.EDIT)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.operation_entry_save(
                    actor=request_actor(request),
                    unit=access.unit,
                    year=year,
                    month=data["month"],
                    fields=data,
                    photos=data["photos"],
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("The entry is added."))
                return redirect("records:operations", slug=slug, year=year, month=data["month"])
    return render(
        request,
        "records/operations.html",
        _context(
            access,
            year,
            month=month,
            month_name=month_label(month),
            months=[(m, month_label(m, short=True)) for m in fiscal_months(year)],
            entries=selectors.operation_entries(access.unit, year, month),
            form=form,
            publish=_publish_block(access, year, "operations", month),
        ),
    )


@login_required
def entry_edit(request: HttpRequest, slug: str, year: int, entry_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    entry = selectors.operation_entry_in(access.unit, year, entry_id)
    initial = {
        k: getattr(entry, k)
        for k in ("month", "work_area", "activity", "details", "period", "section")
    }
    form = EntryForm(request.POST or None, request.FILES or None, year=year, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.operation_entry_save(
                actor=request_actor(request),
                unit=access.unit,
                year=year,
                month=data["month"],
                fields=data,
                entry=entry,
                photos=data["photos"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The entry is saved."))
            return redirect("records:operations", slug=slug, year=year, month=data["month"])
    return render(
        request, "records/entry_form.html", _context(access, year, entry=entry, form=form)
    )


@login_required
@require_POST
def entry_delete(request: HttpRequest, slug: str, year: int, entry_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    entry = selectors.operation_entry_in(access.unit, year, entry_id)
    month = entry.month
    services.operation_entry_delete(actor=request_actor(request), entry=entry)
    messages.success(request, _("The entry is removed."))
    return redirect("records:operations", slug=slug, year=year, month=month)


@login_required
def photo(request: HttpRequest, slug: str, year: int, op_photo_id: str) -> FileResponse:
    """An entry's photo: raster images only (sniffed and re-encoded at upload)."""
    access = unit_access(request, slug, need=Capability.VIEW)
    item = selectors.operation_photo_in(access.unit, year, op_photo_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    extension = str(item.file.name).rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="photo-{item.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- statistics ------------------------------------------------------------------------------
@login_required
def statistics(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.VIEW)
    form = SeriesForm(request.POST or None)
    if request.method == "POST":
        access = unit_access(request, slug, need=Capability.EDIT)
        if form.is_valid():
            try:
                services.stat_series_save(
                    actor=request_actor(request), unit=access.unit, year=year, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error("name", exc)
            else:
                messages.success(request, _("The series is added."))
                return redirect("records:statistics", slug=slug, year=year)
    months = fiscal_months(year)
    return render(
        request,
        "records/statistics.html",
        _context(
            access,
            year,
            rows=[
                {"series": r.series, "cells": [r.value(m) for m in months]}
                for r in selectors.statistics_table(access.unit, year)
            ],
            months=[(m, month_label(m, short=True)) for m in months],
            form=form,
        ),
    )


@login_required
@require_POST
def series_delete(request: HttpRequest, slug: str, year: int, series_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    series = selectors.series_in(access.unit, year, series_id)
    services.stat_series_delete(actor=request_actor(request), series=series)
    messages.success(request, _("The series is removed."))
    return redirect("records:statistics", slug=slug, year=year)


@login_required
def statistics_month(request: HttpRequest, slug: str, year: int, month: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.VIEW)
    month = _month(year, month)
    rows = selectors.statistics_table(access.unit, year)
    series = [r.series for r in rows]
    initial = {f"s-{r.series.pk}": r.value(month) for r in rows}
    form = ValuesForm(request.POST or None, stat_series=series, initial=initial)
    if request.method == "POST":
        access = unit_access(request, slug, need=Capability.EDIT)
        if form.is_valid():
            try:
                services.stat_values_set(
                    actor=request_actor(request),
                    unit=access.unit,
                    year=year,
                    month=month,
                    values=form.values(),
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("The month's statistics are saved."))
                return redirect("records:statistics_month", slug=slug, year=year, month=month)
    return render(
        request,
        "records/month_form.html",
        _context(
            access,
            year,
            kind="statistics",
            month=month,
            month_name=month_label(month),
            form=form,
            heading=_("Statistics"),
            back_url_name="records:statistics",
            publish=_publish_block(access, year, "statistics", month),
        ),
    )


# --- budget ----------------------------------------------------------------------------------
@login_required
def budget(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.VIEW)
    form = BudgetLineForm(request.POST or None)
    if request.method == "POST":
        access = unit_access(request, slug, need=Capability.EDIT)
        if form.is_valid():
            try:
                services.budget_line_save(
                    actor=request_actor(request), unit=access.unit, year=year, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error("name", exc)
            else:
                messages.success(request, _("The budget line is added."))
                return redirect("records:budget", slug=slug, year=year)
    months = fiscal_months(year)
    rows = selectors.budget_table(access.unit, year)
    table = [
        {
            "line": row.line,
            "spent": [row.spent(m) for m in months],
            "total": row.spent_to(months[-1], months),
            "percent": selectors.percent(row.spent_to(months[-1], months), row.line.planned),
        }
        for row in rows
    ]
    return render(
        request,
        "records/budget.html",
        _context(
            access,
            year,
            table=table,
            months=[(m, month_label(m, short=True)) for m in months],
            form=form,
        ),
    )


@login_required
@require_POST
def line_delete(request: HttpRequest, slug: str, year: int, line_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    line = selectors.budget_line_in(access.unit, year, line_id)
    services.budget_line_delete(actor=request_actor(request), line=line)
    messages.success(request, _("The budget line is removed."))
    return redirect("records:budget", slug=slug, year=year)


@login_required
def budget_month(request: HttpRequest, slug: str, year: int, month: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.VIEW)
    month = _month(year, month)
    rows = selectors.budget_table(access.unit, year)
    initial: dict[str, Any] = {}
    for row in rows:
        initial[f"p-{row.line.pk}"] = row.planned(month)
        initial[f"s-{row.line.pk}"] = row.spent(month)
    form = BudgetMonthForm(
        request.POST or None, budget_lines=[r.line for r in rows], initial=initial
    )
    if request.method == "POST":
        access = unit_access(request, slug, need=Capability.EDIT)
        if form.is_valid():
            try:
                services.budget_month_set(
                    actor=request_actor(request),
                    unit=access.unit,
                    year=year,
                    month=month,
                    values=form.values(),
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("The month's spending is saved."))
                return redirect("records:budget_month", slug=slug, year=year, month=month)
    return render(
        request,
        "records/month_form.html",
        _context(
            access,
            year,
            kind="budget",
            month=month,
            month_name=month_label(month),
            form=form,
            heading=_("Budget spending"),
            back_url_name="records:budget",
            publish=_publish_block(access, year, "budget", month),
        ),
    )


# --- fund ------------------------------------------------------------------------------------
@login_required
def fund(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.VIEW)
    form = FundForm(request.POST or None)
    if request.method == "POST":
        access = unit_access(request, slug, need=Capability.EDIT)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.fund_quarter_set(
                    actor=request_actor(request),
                    unit=access.unit,
                    year=year,
                    quarter=data["quarter"],
                    allocated=data["allocated"],
                    spent=data["spent"],
                    cases=data["cases"] or 0,
                    details=data["details"],
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("The quarter is saved."))
                return redirect("records:fund", slug=slug, year=year)
    quarters = selectors.fund_quarters(access.unit, year)
    rows = [
        {
            "quarter": q,
            "label": quarter_label(q),
            "row": quarters.get(q),
            "publish": _publish_block(access, year, "fund", q),
        }
        for q in QUARTERS
    ]
    return render(request, "records/fund.html", _context(access, year, rows=rows, form=form))


# --- publishing ------------------------------------------------------------------------------
def _publish_block(access: UnitAccess, year: int, kind: str, period: str) -> dict[str, Any]:
    published = [
        p for p in series_periods(access.unit, year, series_name(kind)) if p.period == period
    ]
    return {
        "kind": kind,
        "period": period,
        "title": SERIES_TITLES[kind],
        "item_code": SERIES[kind][2],
        "published": published[0] if published else None,
        "form": PublishForm(),
        "can_publish": access.can_edit,
    }


@login_required
@require_POST
def publish(
    request: HttpRequest, slug: str, year: int, record_kind: str, period: str
) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    if record_kind not in KINDS:
        raise Http404("No such record kind")
    form = PublishForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        pubs = publication_publish(
            actor=request_actor(request),
            access=access,
            series=series_name(record_kind),
            year=year,
            period=period,
            params={"unit": str(access.unit.pk)},
            reason=reason,
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("Published: version %(version)s of %(title)s.")
            % {"version": pubs[0].version, "title": SERIES_TITLES[record_kind]},
        )
    target = request.POST.get("next", "")
    pages = {
        "operations": ("records:operations", {"month": period}),
        "statistics": ("records:statistics_month", {"month": period}),
        "budget": ("records:budget_month", {"month": period}),
        "fund": ("records:fund", {}),
    }
    name, extra = pages[record_kind]
    if target == "index":
        return redirect("records:index", slug=slug, year=year)
    return redirect(reverse(name, kwargs={"slug": slug, "year": year, **extra}))


__all__ = ["kind_calendar"]

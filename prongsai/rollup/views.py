"""The parent organisation's overview of its subtree (reads only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.assessments.integrity_signals import registered_signals
from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import frameworks_available
from prongsai.core.actors import request_actor
from prongsai.core.thai_dates import fiscal_year
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability, UnitAccess, access_for
from prongsai.organizations.models import Unit
from prongsai.organizations.selectors import unit_ancestors
from prongsai.organizations.services import Actor as GrantActor

from .access import may_see_rollup, rollup_access
from .document_kinds import PDF, XLSX, export_params
from .forms import EvaluatorAssignForm, OpenYearForm, OverviewFilterForm, ReminderForm
from .heatmap import (
    FRESH_DAYS,
    indicator_columns,
    indicator_heatmap,
    item_columns,
    legend,
    oit_heatmap,
    reporting_rates,
    score_legend,
)
from .heatmap_html import cells_html
from .models import DigestOptOut
from .overview_html import rows_html
from .selectors import (
    Overview,
    UnitRow,
    filter_rows,
    sort_rows,
    subtree_overview_current,
    subtree_units,
)
from .services import digest_opt_out_set, evaluators_assign, reminders_send
from .tasks import open_subtree_assessments

PAGE_SIZE = 50
FILTER_FIELDS = ("q", "level", "kind", "status", "behind")


def _filter_query(request: HttpRequest) -> str:
    """The overview's filters only (for links between the roll-up's pages)."""
    query = request.GET.copy()
    for key in list(query):
        if key not in FILTER_FIELDS:
            query.pop(key)
    return query.urlencode()


def _breadcrumbs(request: HttpRequest, unit: Unit) -> list[tuple[Unit, bool]]:
    """The unit's ancestors, each with whether the caller may open its roll-up."""
    return [
        (ancestor, may_see_rollup(access_for(request.user, ancestor)))
        for ancestor in unit_ancestors(unit)
    ]


@login_required
def overview_latest(request: HttpRequest, slug: str) -> HttpResponse:
    """The overview of the newest fiscal year any unit of the subtree has an assessment for
    (else the current one)."""
    access = rollup_access(request, slug)
    year = (
        Assessment.objects.filter(unit__path__startswith=access.unit.path)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    ) or fiscal_year(timezone.localdate())
    return redirect("rollup:overview", slug=access.unit.slug, year=year)


@login_required
def overview(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug)
    data = subtree_overview_current(access.unit, year)
    form = OverviewFilterForm(request.GET or None, levels=data.levels, kinds=data.kinds)
    rows = sort_rows(filter_rows(data.rows, **form.filters()), form.sort_key())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    unsorted = query.copy()
    unsorted.pop("sort", None)
    return render(
        request,
        "rollup/overview.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "overview",
            "overview": data,
            "form": form,
            "page": page,
            "rows_html": rows_html(list(page.object_list), year=year, signals=registered_signals()),
            "shown": len(rows),
            "signals": registered_signals(),
            "query": query.urlencode(),
            "unsorted": unsorted.urlencode(),
            "sort": form.sort_key(),
            "ancestors": _breadcrumbs(request, access.unit),
            "filter_query": _filter_query(request),
            "digest_off": DigestOptOut.objects.filter(user_id=int(request.user.pk or 0)).exists(),
        },
    )


def _listed_rows(
    request: HttpRequest, access_unit: Unit, year: int
) -> tuple[OverviewFilterForm, list[UnitRow], Overview]:
    """The heat maps' units: those with an assessment, filtered as on the overview (whose rows,
    read from the stored figures, hold what the filters need)."""
    data = subtree_overview_current(access_unit, year)
    assessed = [r for r in data.rows if r.assessment is not None]
    form = OverviewFilterForm(
        request.GET or None,
        levels=sorted({r.level for r in assessed}),
        kinds=sorted({r.unit.kind for r in assessed}),
    )
    return form, filter_rows(assessed, **form.filters()), data


@login_required
def heatmap(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug)
    view = "indicators" if request.GET.get("view") == "indicators" else "oit"
    form, rows, data = _listed_rows(request, access.unit, year)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    if view == "indicators":
        columns = indicator_columns(listed)
        heat = indicator_heatmap(listed, columns)
        entries = score_legend()
    else:
        columns = item_columns(listed)
        heat = oit_heatmap(listed, columns)
        entries = legend()
    html = cells_html(heat, view=view, year=year)
    for row in heat:
        row.html = html[row.unit.pk]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "rollup/heatmap.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": f"heatmap-{view}",
            "view": view,
            "form": form,
            "page": page,
            "shown": len(rows),
            "columns": columns,
            "heat": heat,
            "overview": data,
            "legend": entries,
            "fresh_days": FRESH_DAYS,
            "query": query.urlencode(),
            "ancestors": _breadcrumbs(request, access.unit),
            "filter_query": _filter_query(request),
        },
    )


@login_required
def rates(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug)
    data = subtree_overview_current(access.unit, year)
    return render(
        request,
        "rollup/rates.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "rates",
            "overview": data,
            "rates": reporting_rates(access.unit, year, data.rows),
            "ancestors": _breadcrumbs(request, access.unit),
            "filter_query": _filter_query(request),
        },
    )


def _export(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    access = rollup_access(request, slug)
    # The overview's filters travel in the address (the button posts to it with them).
    form = OverviewFilterForm(request.GET or None, levels=range(0, 64), kinds=Unit.Kind.values)
    document = document_request(
        actor=request.user,
        access=access,
        kind=kind,
        params=export_params(year, form.filters(), form.sort_key()),
    )
    return document_redirect(document)


@login_required
@require_POST
def export_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, XLSX)


@login_required
@require_POST
def export_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _export(request, slug, year, PDF)


# ---- the parent's admins: actions on the whole subtree --------------------------------------
def _actions_page(
    request: HttpRequest,
    access: UnitAccess,
    year: int,
    *,
    open_form: OpenYearForm | None = None,
    assign_form: EvaluatorAssignForm | None = None,
    remind_form: ReminderForm | None = None,
    status: int = 200,
) -> HttpResponse:
    units = subtree_units(access.unit)
    return render(
        request,
        "rollup/actions.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "actions",
            "open_form": open_form or OpenYearForm(frameworks=frameworks_available()),
            "assign_form": assign_form or EvaluatorAssignForm(units=units),
            "remind_form": remind_form or ReminderForm(),
            "ancestors": _breadcrumbs(request, access.unit),
            "filter_query": _filter_query(request),
        },
        status=status,
    )


def _granter(request: HttpRequest) -> GrantActor:
    user = request.user
    if not isinstance(user, get_user_model()):
        raise PermissionDenied("Log in first")
    return user


@login_required
def actions(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug, need=Capability.MANAGE)
    return _actions_page(request, access, year)


@login_required
@require_POST
def action_open(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug, need=Capability.MANAGE)
    form = OpenYearForm(request.POST, frameworks=frameworks_available())
    if not form.is_valid():
        return _actions_page(request, access, year, open_form=form, status=400)
    actor = request_actor(request)
    open_subtree_assessments.enqueue(
        str(access.unit.pk),
        year,
        str(form.cleaned_data["framework"].pk),
        bool(form.cleaned_data["leaves_only"]),
        int(actor.pk),
    )
    messages.success(
        request,
        _("The assessments of FY %(year)s are being opened for every unit below that has none.")
        % {"year": year},
    )
    return redirect("rollup:overview", slug=access.unit.slug, year=year)


@login_required
@require_POST
def action_evaluators(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug, need=Capability.MANAGE)
    form = EvaluatorAssignForm(request.POST, units=subtree_units(access.unit))
    if form.is_valid():
        try:
            result = evaluators_assign(
                actor=_granter(request),
                root=access.unit,
                user=form.cleaned_data["username"],
                units=form.chosen_units(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Evaluator assigned to %(n)s units (%(already)s already had them).")
                % {"n": len(result.granted), "already": len(result.already)},
            )
            return redirect("rollup:actions", slug=access.unit.slug, year=year)
    return _actions_page(request, access, year, assign_form=form, status=400)


@login_required
@require_POST
def action_remind(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = rollup_access(request, slug, need=Capability.MANAGE)
    form = ReminderForm(request.POST)
    if form.is_valid():
        try:
            sent = reminders_send(
                actor=request_actor(request),
                root=access.unit,
                year=year,
                topic=form.cleaned_data["topic"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Reminders sent to %(n)s units.") % {"n": sent})
            return redirect("rollup:actions", slug=access.unit.slug, year=year)
    return _actions_page(request, access, year, remind_form=form, status=400)


@login_required
@require_POST
def digest_toggle(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The caller's own weekly digest: stop or restart it."""
    access = rollup_access(request, slug)
    actor = request_actor(request)
    stop = request.POST.get("digest") != "on"
    digest_opt_out_set(actor=actor, user=actor, opted_out=stop)
    messages.success(
        request,
        _("You will get no weekly digest.") if stop else _("You will get the weekly digest."),
    )
    return redirect("rollup:overview", slug=access.unit.slug, year=year)

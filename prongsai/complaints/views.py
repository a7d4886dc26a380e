"""The handlers' workspace: the list with deadlines, a case with its history, one POST view per
transition, messages and notes, assignment, conflicts of interest, identity reveals (custodians
only), the reveals list (the unit's head) and the statistics document."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.assessments.models import Assessment
from prongsai.core.actors import request_actor
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability, unit_access
from prongsai.publications.services import publication_publish

from . import selectors, services
from .access import CaseAccess, case_access, case_of, head_access, require_handler
from .document_kinds import SERIES, STATISTICS, statistics_params
from .evidence import o16_evidence_attach
from .files import case_file_response
from .forms import ChannelSettingsForm, ConcludeForm, HandlerChoiceForm, MessageForm, ReasonForm
from .models import CaseFile, Complaint, State


def _base(case: CaseAccess, **extra: Any) -> dict[str, Any]:
    return {"unit": case.unit, "access": case.access, "case": case, "tab": "complaints", **extra}


@login_required
def cases(request: HttpRequest, slug: str) -> HttpResponse:
    case = case_access(request, slug)
    state = request.GET.get("state", "")
    overdue = request.GET.get("overdue", "") == "1"
    rows = selectors.cases_for(case.unit, case.user, state=state, overdue_only=overdue)
    return render(
        request,
        "complaints/cases.html",
        _base(
            case,
            rows=rows,
            states=State.choices,
            state=state,
            overdue=overdue,
            year=None,
            stats_year=selectors.current_fiscal_year(),
            can_manage=case.access.has(Capability.MANAGE),
        ),
    )


def _handler_choices(case: CaseAccess, complaint: Complaint) -> list[tuple[str, str]]:
    excluded = set(complaint.excluded.values_list("pk", flat=True))
    return [
        (str(m.user_id), m.user.get_full_name() or m.user.get_username())
        for m in selectors.handlers_of(case.unit)
        if m.user_id not in excluded
    ]


def _case_page(
    request: HttpRequest,
    case: CaseAccess,
    complaint: Complaint,
    *,
    status: int = 200,
    identity: Any = None,
    **forms: Any,
) -> HttpResponse:
    choices = _handler_choices(case, complaint)
    return render(
        request,
        "complaints/case.html",
        _base(
            case,
            complaint=complaint,
            deadline=selectors.deadline_of(complaint),
            messages_list=selectors.messages_of(complaint, for_reporter=False),
            files=complaint.files.all(),
            transitions=complaint.transitions.all(),
            message_form=forms.get("message_form") or MessageForm(),
            conclude_form=forms.get("conclude_form") or ConcludeForm(),
            reopen_form=forms.get("reopen_form") or ReasonForm(),
            reveal_form=forms.get("reveal_form") or ReasonForm(),
            assign_form=forms.get("assign_form")
            or HandlerChoiceForm(
                handlers=choices,
                initial={"handler": str(complaint.assigned_to_id or "")},
            ),
            exclude_form=forms.get("exclude_form") or HandlerChoiceForm(handlers=choices),
            identity=identity,
            year=None,
        ),
        status=status,
    )


@login_required
def case_detail(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
    case = case_access(request, slug)
    complaint = case_of(case, complaint_id)
    return _case_page(request, case, complaint)


def _simple(
    service: Callable[..., Complaint], done: Promise
) -> Callable[[HttpRequest, str, uuid.UUID], HttpResponse]:
    @require_POST
    def view(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
        case = case_access(request, slug)
        require_handler(case)
        complaint = case_of(case, complaint_id)
        try:
            service(actor=case.user, complaint=complaint)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("complaints:case", slug=slug, complaint_id=complaint.pk)
        messages.success(request, str(done))
        return redirect("complaints:case", slug=slug, complaint_id=complaint.pk)

    view.__name__ = service.__name__
    return login_required(view)


acknowledge = _simple(services.complaint_acknowledge, gettext_lazy("The case is acknowledged."))
investigate = _simple(
    services.complaint_investigate, gettext_lazy("The investigation has started.")
)
close = _simple(services.complaint_close, gettext_lazy("The case is closed."))


@login_required
@require_POST
def conclude(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
    case = case_access(request, slug)
    require_handler(case)
    complaint = case_of(case, complaint_id)
    form = ConcludeForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_conclude(actor=case.user, complaint=complaint, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The case is concluded."))
            return redirect("complaints:case", slug=slug, complaint_id=complaint.pk)
    return _case_page(request, case, complaint, status=400, conclude_form=form)


@login_required
@require_POST
def reopen(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
    case = case_access(request, slug)
    require_handler(case)
    complaint = case_of(case, complaint_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_reopen(
                actor=case.user, complaint=complaint, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The case is open again."))
            return redirect("complaints:case", slug=slug, complaint_id=complaint.pk)
    return _case_page(request, case, complaint, status=400, reopen_form=form)


@login_required
@require_POST
def message(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
    case = case_access(request, slug)
    require_handler(case)
    complaint = case_of(case, complaint_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_message_send(
                actor=case.user,
                complaint=complaint,
                body=form.cleaned_data["body"],
                internal=form.cleaned_data["internal"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("complaints:case", slug=slug, complaint_id=complaint.pk)
    return _case_page(request, case, complaint, status=400, message_form=form)


def _chosen_handler(case: CaseAccess, complaint: Complaint, form: HandlerChoiceForm) -> Any:
    raw = form.cleaned_data.get("handler") or ""
    if not raw:
        return None
    return get_user_model().objects.get(pk=int(raw))


@login_required
@require_POST
def assign(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
    case = case_access(request, slug)
    require_handler(case)
    complaint = case_of(case, complaint_id)
    form = HandlerChoiceForm(request.POST, handlers=_handler_choices(case, complaint))
    if form.is_valid():
        try:
            services.complaint_assign(
                actor=case.user, complaint=complaint, handler=_chosen_handler(case, complaint, form)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("complaints:case", slug=slug, complaint_id=complaint.pk)
    return _case_page(request, case, complaint, status=400, assign_form=form)


@login_required
@require_POST
def exclude(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
    case = case_access(request, slug)
    require_handler(case)
    complaint = case_of(case, complaint_id)
    form = HandlerChoiceForm(request.POST, handlers=_handler_choices(case, complaint))
    if form.is_valid() and form.cleaned_data.get("handler"):
        try:
            services.complaint_exclude(
                actor=case.user, complaint=complaint, handler=_chosen_handler(case, complaint, form)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The handler is excluded from this case."))
            return redirect("complaints:case", slug=slug, complaint_id=complaint.pk)
    elif form.is_valid():
        form.add_error("handler", _("Choose the handler named in the case."))
    return _case_page(request, case, complaint, status=400, exclude_form=form)


@login_required
@require_POST
def reveal(request: HttpRequest, slug: str, complaint_id: uuid.UUID) -> HttpResponse:
    case = case_access(request, slug, custodian=True)
    complaint = case_of(case, complaint_id)
    form = ReasonForm(request.POST)
    identity = None
    if form.is_valid():
        try:
            identity = services.complaint_identity_reveal(
                actor=case.user, complaint=complaint, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    response = _case_page(
        request,
        case,
        complaint,
        status=200 if identity else 400,
        identity=identity,
        reveal_form=form,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_file(
    request: HttpRequest, slug: str, complaint_id: uuid.UUID, file_id: uuid.UUID
) -> HttpResponse:
    case = case_access(request, slug)
    complaint = case_of(case, complaint_id)
    stored = CaseFile.objects.filter(pk=file_id, complaint=complaint).first()
    if stored is None:
        raise Http404("No such file")
    return case_file_response(stored)


@login_required
def reveals(request: HttpRequest, slug: str) -> HttpResponse:
    case = head_access(request, slug)
    return render(
        request,
        "complaints/reveals.html",
        _base(case, reveals=selectors.reveals_of(case.unit), year=None),
    )


@login_required
@require_POST
def statistics_document(request: HttpRequest, slug: str) -> HttpResponse:
    case = case_access(request, slug)
    raw = request.POST.get("year", "")
    year = int(raw) if raw.isdigit() and 2500 <= int(raw) <= 2700 else None
    if year is None:
        messages.error(request, _("Choose a fiscal year."))
        return redirect("complaints:cases", slug=slug)
    document = document_request(
        actor=case.user,
        access=case.access,
        kind=STATISTICS,
        params=statistics_params(case.unit, year),
    )
    return document_redirect(document)


@login_required
@require_POST
def o16_attach(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Editors attach the generated O16 links (channel, statistics) to the year's item O16."""
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = Assessment.objects.filter(unit=access.unit, year=year).first()
    if assessment is None:
        raise Http404("No assessment for this year")
    try:
        added = o16_evidence_attach(actor=request_actor(request), assessment=assessment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if added:
            messages.success(request, _("The links were added to item O16 and published."))
        else:
            messages.info(request, _("Item O16 already has these links."))
    return redirect(reverse("complaints:statistics", kwargs={"slug": slug}) + f"?year={year}")


@login_required
@require_POST
def statistics_publish(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Editors publish the statistics of a round, ``h1`` (six months, October–March) or ``h2``
    (twelve months) — PDF, CSV, JSON: a new version each time, the earlier one kept as
    superseded; their public addresses become evidence of item O16."""
    access = unit_access(request, slug, need=Capability.EDIT)
    if not Assessment.objects.filter(unit=access.unit, year=year).exists():
        raise Http404("No assessment for this year")
    period = request.POST.get("period", "h1")
    if period not in ("h1", "h2"):
        messages.error(request, _("Choose the six-month or the twelve-month round."))
        return redirect(reverse("complaints:statistics", kwargs={"slug": slug}) + f"?year={year}")
    try:
        publication_publish(
            actor=request_actor(request),
            access=access,
            series=SERIES,
            year=year,
            period=period,
            params={"unit": str(access.unit.pk)},
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The statistics were published (PDF, CSV, JSON) and added to item O16."),
        )
    return redirect(reverse("complaints:statistics", kwargs={"slug": slug}) + f"?year={year}")


_SETTINGS_FIELDS = (
    "ack_days",
    "answer_days",
    "conclude_days",
    "categories",
    "responsible",
    "channels",
    "notify_handlers",
)


@login_required
@require_http_methods(["GET", "POST"])
def channel_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The unit's managers set its channel: deadlines, categories, responsible office, other
    channels, handlers' mail."""
    access = unit_access(request, slug, need=Capability.MANAGE)
    current = selectors.channel_settings_of(access.unit)
    initial = {f: getattr(current, f) for f in _SETTINGS_FIELDS}
    initial["categories"] = [c for c, _label in selectors.categories_of(current)]
    form = ChannelSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_settings_save(
                actor=request_actor(request), unit=access.unit, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The complaint channel settings were saved."))
            return redirect("complaints:settings", slug=slug)
    return render(
        request,
        "complaints/settings.html",
        {"unit": access.unit, "access": access, "tab": "complaints", "form": form},
        status=400 if request.method == "POST" else 200,
    )

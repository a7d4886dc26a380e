"""The unit's survey screens: progress, campaigns, IIT codes, QR codes and poster, exports,
paper-form import. Viewing needs a role in the unit; changing anything needs MANAGE."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.assessments.selectors import assessment_for
from prongsai.core.downloads import as_attachment
from prongsai.documents.services import document_request
from prongsai.documents.views import document_redirect
from prongsai.organizations.access import Capability, UnitAccess, unit_access

from .. import printing, services
from ..document_kinds import (
    ANSWERS,
    POSTER,
    SLIPS,
    answers_params,
    poster_params,
    slips_params,
)
from ..forms import CampaignForm, CodeBatchForm
from ..models import Campaign, CodeBatch, Instrument
from ..selectors import campaign_cards, campaign_of


def _page(access: UnitAccess, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "unit": access.unit,
        "year": year,
        "tab": "surveys",
        **extra,
    }


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    as_attachment(response, filename)
    return response


@login_required
def overview(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    cards = campaign_cards(assessment)
    return render(
        request,
        "surveys/overview.html",
        _page(
            access,
            year,
            assessment=assessment,
            cards=cards,
            links={c.campaign.instrument: printing.survey_url(c.campaign) for c in cards},
            batch_form=CodeBatchForm(
                initial={"count": assessment.headcount_internal or assessment.target("IIT") or 10}
            ),
        ),
    )


@login_required
@require_POST
def setup(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    assessment = assessment_for(access.unit, year)
    services.campaign_setup(actor=request.user, assessment=assessment)
    messages.success(request, _("The IIT and EIT campaigns are ready to be opened."))
    return redirect("surveys:overview", slug=slug, year=year)


@login_required
def campaign_edit(request: HttpRequest, slug: str, year: int, instrument: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    campaign = campaign_of(assessment_for(access.unit, year), instrument)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("surveys:overview", slug=slug, year=year)
    return render(
        request,
        "surveys/campaign_edit.html",
        _page(access, year, campaign=campaign, form=form),
    )


@login_required
@require_POST
def campaign_state(request: HttpRequest, slug: str, year: int, instrument: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    campaign = campaign_of(assessment_for(access.unit, year), instrument)
    action = request.POST.get("action")
    if action == "open":
        services.campaign_open_now(actor=request.user, campaign=campaign)
        messages.success(
            request, _("The %(instrument)s survey is open.") % {"instrument": instrument}
        )
    elif action == "close":
        services.campaign_close_now(actor=request.user, campaign=campaign)
        messages.success(
            request, _("The %(instrument)s survey is closed.") % {"instrument": instrument}
        )
    else:
        messages.error(request, _("Unknown action."))
    return redirect("surveys:overview", slug=slug, year=year)


@login_required
@require_POST
def codes_generate(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    campaign = campaign_of(assessment_for(access.unit, year), Instrument.IIT)
    form = CodeBatchForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("surveys:overview", slug=slug, year=year)
    try:
        new = services.code_batch_create(
            actor=request.user, campaign=campaign, count=form.cleaned_data["count"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("surveys:overview", slug=slug, year=year)
    # The slips render in the task worker; until they are downloaded once, the codes wait
    # encrypted in the batch (a failed render loses nothing: the page offers a retry).
    document = document_request(
        actor=request.user, access=access, kind=SLIPS, params=slips_params(new.batch)
    )
    return document_redirect(document)


@login_required
@require_POST
def slips(request: HttpRequest, slug: str, year: int, batch_id: uuid.UUID) -> HttpResponse:
    """The slips of a batch whose slips were not downloaded yet (or whose render failed)."""
    access = unit_access(request, slug, need=Capability.MANAGE)
    assessment = assessment_for(access.unit, year)
    batch = get_object_or_404(CodeBatch, pk=batch_id, campaign__assessment=assessment)
    document = document_request(
        actor=request.user, access=access, kind=SLIPS, params=slips_params(batch)
    )
    return document_redirect(document)


@login_required
@require_POST
def batch_void(request: HttpRequest, slug: str, year: int, batch_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    assessment = assessment_for(access.unit, year)
    batch = get_object_or_404(CodeBatch, pk=batch_id, campaign__assessment=assessment)
    voided = services.code_batch_void(actor=request.user, batch=batch)
    messages.success(
        request,
        _("%(count)s unused codes of batch %(number)s no longer work.")
        % {"count": voided, "number": batch.number},
    )
    return redirect("surveys:overview", slug=slug, year=year)


def _export(request: HttpRequest, slug: str, year: int, instrument: str, fmt: str) -> HttpResponse:
    """Ask for an answers export; refused with a message while there are too few IIT answers
    (with a handful of staff, single answers could be recognised)."""
    access = unit_access(request, slug, need=Capability.MANAGE)
    campaign = campaign_of(assessment_for(access.unit, year), instrument)
    minimum = int(settings.SURVEY_IIT_EXPORT_MIN)
    if instrument == Instrument.IIT and campaign.responses.count() < minimum:
        messages.error(
            request,
            _(
                "IIT answers can be exported once at least %(min)s staff have answered, so that "
                "no one's answers can be singled out."
            )
            % {"min": minimum},
        )
        return redirect("surveys:overview", slug=slug, year=year)
    document = document_request(
        actor=request.user, access=access, kind=ANSWERS, params=answers_params(campaign, fmt)
    )
    return document_redirect(document)


@login_required
@require_POST
def export_csv(request: HttpRequest, slug: str, year: int, instrument: str) -> HttpResponse:
    return _export(request, slug, year, instrument, "csv")


@login_required
@require_POST
def export_xlsx(request: HttpRequest, slug: str, year: int, instrument: str) -> HttpResponse:
    return _export(request, slug, year, instrument, "xlsx")


def _eit_campaign(request: HttpRequest, slug: str, year: int) -> Campaign:
    access = unit_access(request, slug)
    return campaign_of(assessment_for(access.unit, year), Instrument.EIT)


@login_required
def qr_svg(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    campaign = _eit_campaign(request, slug, year)
    return _attachment(
        printing.qr_svg(printing.survey_url(campaign)),
        "image/svg+xml",
        f"eit-qr-{slug}-{year}.svg",
    )


@login_required
def qr_png(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    campaign = _eit_campaign(request, slug, year)
    return _attachment(
        printing.qr_png(printing.survey_url(campaign)), "image/png", f"eit-qr-{slug}-{year}.png"
    )


@login_required
@require_POST
def poster_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    campaign = campaign_of(assessment_for(access.unit, year), Instrument.EIT)
    document = document_request(
        actor=request.user, access=access, kind=POSTER, params=poster_params(campaign)
    )
    return document_redirect(document)

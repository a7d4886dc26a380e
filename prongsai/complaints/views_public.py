"""Public complaint pages: the guideline, the intake form, the receipt, the tracking page, the
statistics. No log-in, no JavaScript needed, no client address kept with a case."""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.assessments.models import Assessment
from prongsai.core.client_address import client_address
from prongsai.core.routing import public
from prongsai.organizations.access import Capability, access_for
from prongsai.organizations.models import Unit
from prongsai.publications.selectors import current_publications
from prongsai.surveys import tokens
from prongsai.surveys.ratelimit import RateLimited

from . import selectors, services
from .document_kinds import SERIES
from .exports import statistics_csv, statistics_json
from .forms import ComplaintForm, IdentityForm, ReceiptForm, ReplyForm
from .identity import Identity
from .models import Category, Complaint, Outcome
from .receipts import receipt_display

HONEYPOT = "hp_note"
SESSION_KEY = "complaints.tracking"
TRACKING_SECONDS = 30 * 60


def _unit(slug: str) -> Unit:
    unit = Unit.objects.filter(slug=slug, is_active=True).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = (
        "same-origin"  # no-referrer makes Chromium send Origin: null (CSRF)
    )
    return response


@public
def guideline(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    channel = selectors.channel_settings_of(unit)
    return render(
        request,
        "complaints/public/guideline.html",
        {
            "unit": unit,
            "ack_days": channel.ack_days,
            "answer_days": channel.answer_days,
            "conclude_days": channel.conclude_days,
            "categories": selectors.categories_of(channel),
            "responsible": channel.responsible,
            "channels": [line.strip() for line in channel.channels.splitlines() if line.strip()],
            "year": selectors.current_fiscal_year(),
        },
    )


def _complaint_form(unit: Unit, *args: Any) -> ComplaintForm:
    """The intake form with the categories the unit's channel takes."""
    form = ComplaintForm(*args)
    field = form.fields["category"]
    field.choices = selectors.categories_of(selectors.channel_settings_of(unit))  # type: ignore[attr-defined]
    return form


def _intake_page(
    request: HttpRequest,
    unit: Unit,
    form: ComplaintForm,
    *,
    status: int = 200,
    check_error: str = "",
    challenge: tokens.Challenge | None = None,
    pow_nonce: str = "",
    submission_id: uuid.UUID | None = None,
) -> HttpResponse:
    if challenge is None:
        challenge = tokens.challenge_issue(unit.pk)
        pow_nonce = ""
    return _no_store(
        render(
            request,
            "complaints/public/intake.html",
            {
                "unit": unit,
                "form": form,
                "challenge": challenge,
                "pow_nonce": pow_nonce,
                "check_error": check_error,
                "honeypot": HONEYPOT,
                "submission_id": submission_id or uuid.uuid4(),
            },
            status=status,
        )
    )


def _message(
    request: HttpRequest, unit: Unit, *, status: int, title: str, text: str
) -> HttpResponse:
    return _no_store(
        render(
            request,
            "complaints/public/message.html",
            {"unit": unit, "title": title, "text": text},
            status=status,
        )
    )


def _submission_id(request: HttpRequest) -> uuid.UUID | None:
    raw = request.POST.get("submission_id", "")
    if len(raw) > 40:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def _check(request: HttpRequest, unit: Unit) -> tuple[tokens.Challenge | None, str, str]:
    """The anti-spam check (as for the EIT): a proof of work, or without JavaScript a sum."""
    challenge = tokens.challenge_read(request.POST.get("challenge", ""), unit.pk)
    pow_nonce = request.POST.get("pow", "")
    if challenge is None:
        return None, "", _("The form has expired. Please check it and send it again.")
    if tokens.pow_ok(challenge, pow_nonce):
        return challenge, pow_nonce, ""
    if challenge.age < settings.SURVEY_MIN_SECONDS_WITHOUT_JS:
        return challenge, "", _("Please take a moment to check the form, then send again.")
    if not tokens.sum_ok(challenge, request.POST.get("sum", "")):
        return challenge, "", _("Please answer the check question (the sum of the two numbers).")
    return challenge, "", ""


@public
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    if request.method != "POST":
        return _intake_page(request, unit, _complaint_form(unit))
    submission_id = _submission_id(request)
    form = _complaint_form(unit, request.POST, request.FILES)
    if submission_id is None:
        return _intake_page(
            request, unit, form, status=400, check_error=_("The form is incomplete.")
        )
    if services.submission_stored(submission_id):
        return _message(
            request,
            unit,
            status=200,
            title=_("This complaint was already received"),
            text=_("Keep the receipt code shown when it was sent; it is not shown again."),
        )
    if request.POST.get(HONEYPOT, ""):
        return _message(
            request,
            unit,
            status=400,
            title=_("The complaint could not be accepted"),
            text=_("Please reload the page and send the form again."),
        )
    challenge, pow_nonce, check_error = _check(request, unit)
    if not form.is_valid() or check_error:
        return _intake_page(
            request,
            unit,
            form,
            status=400,
            check_error=check_error,
            challenge=challenge,
            pow_nonce=pow_nonce,
            submission_id=submission_id,
        )
    data = form.cleaned_data
    identity = None
    if data["anonymous"] == "no":
        identity = Identity(name=data["name"].strip(), contact=data["contact"].strip())
    try:
        submitted = services.complaint_submit(
            unit=unit,
            submission_id=submission_id,
            category=data["category"],
            details=data["details"],
            happened_on=data["happened_on"],
            place=data["place"],
            officers=data["officers"],
            identity=identity,
            attachments=data["files"],
            address=client_address(request),
        )
    except ValidationError as exc:
        form.add_error("files", exc)
        return _intake_page(
            request,
            unit,
            form,
            status=400,
            challenge=challenge,
            pow_nonce=pow_nonce,
            submission_id=submission_id,
        )
    except RateLimited:
        return _message(
            request,
            unit,
            status=429,
            title=_("Too many complaints from this network"),
            text=_("Please wait a minute, then send the form again."),
        )
    except IntegrityError:
        return _message(
            request,
            unit,
            status=200,
            title=_("This complaint was already received"),
            text=_("Keep the receipt code shown when it was sent; it is not shown again."),
        )
    response = render(
        request,
        "complaints/public/receipt.html",
        {
            "unit": unit,
            "code": receipt_display(submitted.receipt),
            "complaint": submitted.complaint,
        },
    )
    response["X-Submission-Id"] = str(submission_id)
    return _no_store(response)


# --- tracking ----------------------------------------------------------------------------------
def _tracked(request: HttpRequest, unit: Unit) -> Complaint | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or data.get("unit") != unit.slug:
        return None
    if float(data.get("until", 0)) < time.time():
        request.session.pop(SESSION_KEY, None)
        return None
    try:
        complaint_id = uuid.UUID(str(data.get("id", "")))
    except ValueError:
        return None
    return Complaint.objects.filter(pk=complaint_id, unit=unit, purged_at__isnull=True).first()


def _track_page(
    request: HttpRequest, unit: Unit, form: ReceiptForm, *, status: int = 200, error: str = ""
) -> HttpResponse:
    return _no_store(
        render(
            request,
            "complaints/public/track.html",
            {"unit": unit, "form": form, "error": error},
            status=status,
        )
    )


@public
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    if request.method != "POST":
        return _track_page(request, unit, ReceiptForm())
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        return _track_page(request, unit, form, status=400)
    try:
        complaint = services.complaint_by_receipt(
            code=form.cleaned_data["code"], address=client_address(request)
        )
    except RateLimited:
        return _track_page(
            request,
            unit,
            form,
            status=429,
            error=_("Too many attempts from this network. Please wait a few minutes."),
        )
    if complaint is None or complaint.unit_id != unit.pk:
        return _track_page(
            request,
            unit,
            ReceiptForm(),
            status=400,
            error=_("This receipt code is not valid for this unit. Check the 16 digits."),
        )
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "id": str(complaint.pk),
        "unit": unit.slug,
        "until": time.time() + TRACKING_SECONDS,
    }
    return redirect("complaints:tracked", slug=unit.slug)


def _case_page(
    request: HttpRequest,
    unit: Unit,
    complaint: Complaint,
    *,
    reply: ReplyForm | None = None,
    identity: IdentityForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return _no_store(
        render(
            request,
            "complaints/public/case.html",
            {
                "unit": unit,
                "complaint": complaint,
                "messages_list": selectors.messages_of(complaint, for_reporter=True),
                "files": complaint.files.all(),
                "transitions": complaint.transitions.all(),
                "reply_form": reply or ReplyForm(),
                "identity_form": identity or IdentityForm(),
            },
            status=status,
        )
    )


@public
def tracked(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    complaint = _tracked(request, unit)
    if complaint is None:
        return redirect("complaints:track", slug=unit.slug)
    return _case_page(request, unit, complaint)


@public
@require_POST
def tracked_reply(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    complaint = _tracked(request, unit)
    if complaint is None:
        return redirect("complaints:track", slug=unit.slug)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.complaint_reply(
                complaint=complaint,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("complaints:tracked", slug=unit.slug)
    return _case_page(request, unit, complaint, reply=form, status=400)


@public
@require_POST
def tracked_identity(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    complaint = _tracked(request, unit)
    if complaint is None:
        return redirect("complaints:track", slug=unit.slug)
    form = IdentityForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_identity_give(
                complaint=complaint,
                identity=Identity(
                    name=form.cleaned_data["name"].strip(),
                    contact=form.cleaned_data["contact"].strip(),
                ),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("complaints:tracked", slug=unit.slug)
    return _case_page(request, unit, complaint, identity=form, status=400)


# --- statistics (O16) ----------------------------------------------------------------------------
def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2500 <= int(raw) <= 2700:
        return int(raw)
    return selectors.current_fiscal_year()


@public
def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    year = _year(request)
    lang = get_language() or "th"
    data = selectors.complaint_statistics(unit, year, lang=lang)
    fmt = request.GET.get("format", "")
    if fmt == "json":
        response = HttpResponse(
            statistics_json(unit, data), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="complaints-{unit.slug}-{year}.json"'
        )
        return response
    if fmt == "csv":
        response = HttpResponse(statistics_csv(data), content_type="text/csv")
        response["Content-Disposition"] = (
            f'attachment; filename="complaints-{unit.slug}-{year}.csv"'
        )
        return response
    access = access_for(request.user, unit)
    can_attach = (
        access.has(Capability.EDIT) and Assessment.objects.filter(unit=unit, year=year).exists()
    )
    return render(
        request,
        "complaints/public/statistics.html",
        {
            "can_attach": can_attach,
            "can_manage": access.has(Capability.MANAGE),
            "unit": unit,
            "year": year,
            "stats": data,
            "labels": selectors.measure_labels(),
            "measures": selectors.MEASURES,
            "published": current_publications(unit, year, series=SERIES),
            "categories": Category.choices,
            "outcomes": Outcome.choices,
        },
    )

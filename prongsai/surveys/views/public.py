"""Public survey pages: EIT by link or QR, IIT with a one-time code. No log-in, no JavaScript
needed, Thai first.

Answers are posted back to the page they came from; a stored submission is answered with the
thank-you page itself (HTTP 200, header ``X-Submission-Id``), so a 2xx always means "committed",
and a retried post (same submission id) gets the same answer without being stored twice.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core.client_address import client_address
from prongsai.core.routing import public

from .. import services, tokens
from ..answers import check_answers, layout_for, split_web_fields
from ..models import Campaign, CampaignState, Instrument
from ..ratelimit import RateLimited
from ..selectors import public_campaign
from ..survey_form import build_form
from ..tokens import Ballot, Challenge

HONEYPOT = "hp_note"
MAX_FIELD_LENGTH = 500


# --- shared pieces --------------------------------------------------------------------------
def _lang() -> str:
    return get_language() or "th"


def _message(
    request: HttpRequest,
    campaign: Campaign,
    *,
    status: int,
    title: str,
    text: str,
    kind: str = "info",
) -> HttpResponse:
    return render(
        request,
        "surveys/public/message.html",
        {
            "campaign": campaign,
            "unit": campaign.assessment.unit,
            "title": title,
            "text": text,
            "kind": kind,
        },
        status=status,
    )


def _error(
    request: HttpRequest, campaign: Campaign, status: int, title: str, text: str = ""
) -> HttpResponse:
    """A refusal page: what went wrong and what to do (by default: reload and answer again)."""
    text = text or _("Please reload the survey page and answer again.")
    return _message(request, campaign, status=status, title=title, text=text, kind="error")


def _state_page(request: HttpRequest, campaign: Campaign, *, status: int) -> HttpResponse:
    if campaign.state == CampaignState.CLOSED:
        return _message(
            request,
            campaign,
            status=status,
            title=_("This survey is closed"),
            text=_("Answers are no longer accepted. Thank you for your interest."),
        )
    return _message(
        request,
        campaign,
        status=status,
        title=_("This survey is not open yet"),
        text=_("Please come back when the unit opens it."),
    )


def _too_big(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.SURVEY_MAX_BODY_BYTES


def _bad_shape(request: HttpRequest, campaign: Campaign) -> str:
    """A problem with the post as a whole (before looking at answers), or ''."""
    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    if len(request.POST) > len(layout.keys) + len(layout.profile) + 15:
        return _("The form has too many fields.")
    if any(len(v) > MAX_FIELD_LENGTH for values in request.POST.lists() for v in values[1]):
        return _("A field of the form is too long.")
    return ""


def _submission_id(request: HttpRequest) -> uuid.UUID | None:
    raw = request.POST.get("submission_id", "")
    if len(raw) > 40:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


def _render_form(
    request: HttpRequest,
    campaign: Campaign,
    *,
    status: int = 200,
    submission_id: uuid.UUID | None = None,
    errors: dict[str, str] | None = None,
    challenge: Challenge | None = None,
    pow_nonce: str = "",
    ballot: Ballot | None = None,
) -> HttpResponse:
    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    values = {k: str(v) for k, v in request.POST.items()} if request.method == "POST" else {}
    errors = errors or {}
    form = build_form(layout, lang=_lang(), values=values, errors=errors)
    if campaign.instrument == Instrument.EIT and challenge is None:
        challenge = tokens.challenge_issue(campaign.pk)
        pow_nonce = ""
    instrument = campaign.assessment.framework.spec.instrument_by_id.get(campaign.instrument)
    return render(
        request,
        "surveys/public/survey.html",
        {
            "campaign": campaign,
            "unit": campaign.assessment.unit,
            "year": campaign.assessment.year,
            "instrument": instrument,
            "form": form,
            "general_error": errors.get("", ""),
            "check_error": errors.get("check", ""),
            "submission_id": submission_id or uuid.uuid4(),
            "challenge": challenge,
            "pow_nonce": pow_nonce,
            "ballot": ballot,
            "honeypot": HONEYPOT,
        },
        status=status,
    )


# Every stored EIT answer sheet is answered with the thank-you page, and rendering it (the base
# template's translations, static paths, links) cost as much as storing the answers. For an
# anonymous visitor (no session, no pending messages: the common case) the page is the same for
# every answer to one campaign, in one language, at one address, except for the CSRF token of
# its language switch: it is rendered once per process (for as long as the campaign is cached,
# selectors.public_campaign) and each response gets its own token in that place.
_THANKS_TTL = 60.0
_THANKS: dict[tuple[str, str, str], tuple[float, str]] = {}
_CSRF_SLOT = "prongsai-csrf-slot-0"


def _thanks_body(request: HttpRequest, campaign: Campaign) -> str:
    context = {"campaign": campaign, "unit": campaign.assessment.unit}
    if (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    ):  # a logged-in user's header, or messages to show: this page is theirs only
        return render_to_string("surveys/public/thanks.html", context, request=request)
    key = (str(campaign.pk), _lang(), request.get_full_path())
    cached = _THANKS.get(key)
    if cached is None or time.monotonic() - cached[0] >= _THANKS_TTL:
        body = render_to_string(
            "surveys/public/thanks.html", {**context, "csrf_token": _CSRF_SLOT}, request=request
        )
        if len(_THANKS) > 5000:
            _THANKS.clear()
        cached = _THANKS[key] = (time.monotonic(), body)
    return cached[1].replace(_CSRF_SLOT, get_token(request))


def _thanks(
    request: HttpRequest, campaign: Campaign, submission_id: uuid.UUID | None
) -> HttpResponse:
    """The thank-you page (HTTP 200: committed). EIT answers it with their submission id; IIT
    answers get no receipt at all."""
    response = HttpResponse(_thanks_body(request, campaign))
    if submission_id is not None:
        response["X-Submission-Id"] = str(submission_id)
    response["Cache-Control"] = "no-store"
    if campaign.instrument == Instrument.EIT:
        response.set_cookie(
            tokens.device_cookie_name(campaign.pk),
            tokens.device_mark(campaign.pk),
            max_age=settings.SURVEY_DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(_ballot_cookie(campaign), path=request.path, samesite="Lax")
    return response


# --- EIT ------------------------------------------------------------------------------------
@public
@require_http_methods(["GET", "POST"])
def eit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    campaign = public_campaign(slug, year, Instrument.EIT)
    if request.method == "POST":
        return _eit_post(request, campaign)
    if campaign.state != CampaignState.OPEN:
        return _state_page(request, campaign, status=200)
    if _device_answered(request, campaign):
        return _already_answered(request, campaign, status=200)
    return _render_form(request, campaign)


def _device_answered(request: HttpRequest, campaign: Campaign) -> bool:
    cookie = request.COOKIES.get(tokens.device_cookie_name(campaign.pk))
    return tokens.device_has_answered(cookie, campaign.pk)


def _already_answered(request: HttpRequest, campaign: Campaign, *, status: int) -> HttpResponse:
    return _message(
        request,
        campaign,
        status=status,
        title=_("Thank you, this device has already answered"),
        text=_(
            "Each phone or computer can answer this survey once, so that every answer counts "
            "fairly. If someone else would like to answer, they are welcome to use their own "
            "device."
        ),
    )


def _eit_post(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    if _too_big(request):
        return _error(request, campaign, 413, _("The form is too large"))
    submission_id = _submission_id(request)
    if submission_id is None:
        return _error(request, campaign, 400, _("The form is incomplete"))
    refusal = _eit_store(request, campaign, submission_id)
    # A retry of a stored submission is answered as the original was, whatever would refuse it
    # now (closed since, device marked by the first answer, form expired, limit reached). Looked
    # up only when refusing: a new submission's insert finds a stored id by itself.
    if refusal is None or services.response_exists(submission_id):
        return _thanks(request, campaign, submission_id)
    return refusal


def _eit_store(
    request: HttpRequest, campaign: Campaign, submission_id: uuid.UUID
) -> HttpResponse | None:
    """Store the answers (None: stored now, or stored before), or the refusal to send."""
    if campaign.state != CampaignState.OPEN:
        return _state_page(request, campaign, status=403)
    if _device_answered(request, campaign):
        return _already_answered(request, campaign, status=409)
    if request.POST.get(HONEYPOT, ""):
        return _error(request, campaign, 400, _("The answers could not be accepted"))
    shape = _bad_shape(request, campaign)
    if shape:
        return _error(request, campaign, 400, _("The answers could not be accepted"), shape)

    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    answers, profile = split_web_fields(request.POST)
    checked = check_answers(layout, answers, profile)
    errors = dict(checked.errors)
    challenge = tokens.challenge_read(request.POST.get("challenge", ""), campaign.pk)
    pow_nonce = request.POST.get("pow", "")
    if challenge is None:
        errors["check"] = _("The form has expired. Please check your answers and send them again.")
    elif not tokens.pow_ok(challenge, pow_nonce):
        pow_nonce = ""
        if challenge.age < settings.SURVEY_MIN_SECONDS_WITHOUT_JS:
            errors["check"] = _("Please take a moment to check your answers, then send again.")
        elif not tokens.sum_ok(challenge, request.POST.get("sum", "")):
            errors["check"] = _("Please answer the check question (the sum of the two numbers).")
    if errors:
        return _render_form(
            request,
            campaign,
            status=400,
            submission_id=submission_id,
            errors=errors,
            challenge=challenge,
            pow_nonce=pow_nonce,
        )
    assert challenge is not None
    try:
        services.response_submit(
            campaign=campaign,
            submission_id=submission_id,
            answers=checked.answers,
            profile=checked.profile,
            spend=[challenge.spent_digest],
            known_new=True,  # a stored id conflicts on insert: answered as a retry
            rate=services.RateRule(
                scope="eit",
                address=client_address(request),
                limit=settings.SURVEY_RATE_LIMIT_PER_MINUTE,
            ),
        )
    except RateLimited:
        return _error(
            request,
            campaign,
            429,
            _("Too many answers from this network"),
            _(
                "Please wait a minute, then send the form again. Your answers are still on "
                "the previous page."
            ),
        )
    except services.CampaignNotOpen:
        return _state_page(request, campaign, status=403)
    except services.TokenSpent:
        return _error(
            request,
            campaign,
            409,
            _("This form was already sent"),
            _("Please reload the survey page to answer again."),
        )
    return None


# --- IIT ------------------------------------------------------------------------------------
def _ballot_cookie(campaign: Campaign) -> str:
    return f"prongsai_ballot_{str(campaign.pk).replace('-', '')[:12]}"


def _open_ballot(request: HttpRequest, campaign: Campaign) -> Ballot | None:
    """An unfinished ballot kept in this browser (e.g. the page was closed before sending)."""
    ballot = tokens.ballot_read(request.COOKIES.get(_ballot_cookie(campaign), ""), campaign.pk)
    if ballot is None or services.token_spent(ballot.spent_digest):
        return None
    return ballot


def _code_page(
    request: HttpRequest, campaign: Campaign, *, status: int = 200, error: str = ""
) -> HttpResponse:
    return render(
        request,
        "surveys/public/code.html",
        {
            "campaign": campaign,
            "unit": campaign.assessment.unit,
            "year": campaign.assessment.year,
            "instrument": campaign.assessment.framework.spec.instrument_by_id.get("IIT"),
            "error": error,
        },
        status=status,
    )


@public
@require_http_methods(["GET", "POST"])
def iit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    campaign = public_campaign(slug, year, Instrument.IIT)
    if request.method == "POST":
        if _too_big(request):
            return _error(
                request,
                campaign,
                413,
                _("The form is too large"),
                _("Please go back and try again."),
            )
        if "ballot" in request.POST:
            return _iit_submit(request, campaign)
        return _iit_redeem(request, campaign)
    if campaign.state != CampaignState.OPEN:
        return _state_page(request, campaign, status=200)
    ballot = _open_ballot(request, campaign)
    if ballot is not None:
        return _render_form(request, campaign, ballot=ballot)
    return _code_page(request, campaign)


def _iit_redeem(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    if campaign.state != CampaignState.OPEN:
        return _state_page(request, campaign, status=403)
    code = request.POST.get("code", "")
    if not code.strip():
        return _code_page(request, campaign, status=400, error=_("Please enter your code."))
    if len(code) > 40:
        return _code_page(request, campaign, status=400, error=_("This code is too long."))
    try:
        ballot = services.code_redeem(campaign=campaign, code=code, address=client_address(request))
    except services.CampaignNotOpen:
        return _state_page(request, campaign, status=403)
    except RateLimited:
        return _code_page(
            request,
            campaign,
            status=429,
            error=_("Too many attempts from this network. Please wait a minute and try again."),
        )
    except services.CodeRejected:
        return _code_page(
            request,
            campaign,
            status=400,
            error=_(
                "This code is not valid, or it has already been used. Check the code on "
                "your slip; each code can answer once."
            ),
        )
    response = _render_form(request, campaign, ballot=ballot)
    response["Cache-Control"] = "no-store"
    response.set_cookie(
        _ballot_cookie(campaign),
        ballot.token,
        max_age=settings.SURVEY_BALLOT_MAX_AGE,
        path=request.path,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _iit_submit(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    submission_id = _submission_id(request)
    if submission_id is None:
        return _error(
            request,
            campaign,
            400,
            _("The form is incomplete"),
            _("Please open the survey page again."),
        )
    ballot = tokens.ballot_read(request.POST.get("ballot", ""), campaign.pk)
    if ballot is not None and services.iit_post_stored(ballot, submission_id):
        return _thanks(request, campaign, None)  # a retry of a stored post
    if ballot is None:
        return _error(
            request,
            campaign,
            400,
            _("This survey form has expired"),
            _(
                "The form is valid for a limited time after the code is entered. Please ask "
                "your unit's ITA working group for a new code."
            ),
        )
    if campaign.state != CampaignState.OPEN:
        return _state_page(request, campaign, status=403)
    shape = _bad_shape(request, campaign)
    if shape:
        return _error(request, campaign, 400, _("The answers could not be accepted"), shape)
    layout = layout_for(campaign.assessment.framework.spec, campaign.instrument)
    answers, profile = split_web_fields(request.POST)
    checked = check_answers(layout, answers, profile)
    if not checked.ok:
        return _render_form(
            request,
            campaign,
            status=400,
            submission_id=submission_id,
            errors=dict(checked.errors),
            ballot=ballot,
        )
    try:
        services.iit_answers_submit(
            campaign=campaign,
            ballot=ballot,
            submission_id=submission_id,
            answers=checked.answers,
            profile=checked.profile,
        )
    except services.CampaignNotOpen:
        return _state_page(request, campaign, status=403)
    except services.TokenSpent:
        return _message(
            request,
            campaign,
            status=409,
            title=_("These answers were already sent"),
            text=_(
                "Each code answers once, and the answers for this code have been received. "
                "Thank you."
            ),
        )
    return _thanks(request, campaign, None)  # no receipt: nothing links a person to a sheet

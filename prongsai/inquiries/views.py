"""Public Q&A (O4): the published answers with their dates and response times, the FAQ, the
form to ask or give feedback; the staff's list, answer, moderation and FAQ pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.assessments.models import Assessment
from prongsai.core.actors import request_actor
from prongsai.core.client_address import client_address
from prongsai.core.routing import public
from prongsai.organizations.access import Capability, UnitAccess, unit_access
from prongsai.organizations.models import Unit
from prongsai.surveys import tokens
from prongsai.surveys.ratelimit import RateLimited

from . import selectors, services
from .evidence import o4_evidence_attach
from .forms import AnswerForm, AskForm, FaqForm, RejectForm
from .models import FaqEntry, Kind, Question, QuestionState

HONEYPOT = "hp_note"


def _unit(slug: str) -> Unit:
    unit = Unit.objects.filter(slug=slug, is_active=True).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


# --- public -----------------------------------------------------------------------------------
@public
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    return render(
        request,
        "inquiries/public/list.html",
        {
            "unit": unit,
            "questions": selectors.published_questions(unit),
            "faq": selectors.faq_of(unit),
            "times": selectors.response_times(unit),
        },
    )


def _ask_page(
    request: HttpRequest,
    unit: Unit,
    form: AskForm,
    *,
    status: int = 200,
    check_error: str = "",
    submission_id: uuid.UUID | None = None,
) -> HttpResponse:
    response = render(
        request,
        "inquiries/public/ask.html",
        {
            "unit": unit,
            "form": form,
            "challenge": tokens.challenge_issue(unit.pk),
            "check_error": check_error,
            "honeypot": HONEYPOT,
            "submission_id": submission_id or uuid.uuid4(),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def _check_error(request: HttpRequest, unit: Unit) -> str:
    challenge = tokens.challenge_read(request.POST.get("challenge", ""), unit.pk)
    if challenge is None:
        return _("The form has expired. Please send it again.")
    if tokens.pow_ok(challenge, request.POST.get("pow", "")):
        return ""
    if challenge.age < settings.SURVEY_MIN_SECONDS_WITHOUT_JS:
        return _("Please take a moment to check the form, then send again.")
    if not tokens.sum_ok(challenge, request.POST.get("sum", "")):
        return _("Please answer the check question (the sum of the two numbers).")
    return ""


def _thanks(request: HttpRequest, unit: Unit, kind: str) -> HttpResponse:
    return render(request, "inquiries/public/thanks.html", {"unit": unit, "kind": kind})


@public
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    unit = _unit(slug)
    if request.method != "POST":
        return _ask_page(request, unit, AskForm())
    form = AskForm(request.POST)
    raw = request.POST.get("submission_id", "")
    try:
        submission_id = uuid.UUID(raw) if len(raw) <= 40 else None
    except ValueError:
        submission_id = None
    if submission_id is None:
        return _ask_page(request, unit, form, status=400, check_error=_("The form is incomplete."))
    if services.submission_stored(submission_id):
        return _thanks(request, unit, request.POST.get("kind", ""))
    if request.POST.get(HONEYPOT, ""):
        return _ask_page(
            request, unit, form, status=400, check_error=_("The form could not be accepted.")
        )
    check_error = _check_error(request, unit)
    if not form.is_valid() or check_error:
        return _ask_page(
            request, unit, form, status=400, check_error=check_error, submission_id=submission_id
        )
    try:
        services.question_submit(
            unit=unit,
            submission_id=submission_id,
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["name"],
            body=form.cleaned_data["body"],
            address=client_address(request),
        )
    except RateLimited:
        return _ask_page(
            request,
            unit,
            form,
            status=429,
            check_error=_("Too many messages from this network. Please wait a minute."),
            submission_id=submission_id,
        )
    except IntegrityError:
        pass  # the same submission arrived twice at once: it is stored
    return _thanks(request, unit, form.cleaned_data["kind"])


# --- staff ------------------------------------------------------------------------------------
def _base(access: UnitAccess, **extra: Any) -> dict[str, Any]:
    return {"unit": access.unit, "access": access, "tab": "questions", "year": None, **extra}


@login_required
def staff_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    return render(
        request,
        "inquiries/staff_list.html",
        _base(
            access,
            questions=selectors.staff_questions(access.unit, state=state, kind=kind),
            times=selectors.response_times(access.unit),
            states=QuestionState.choices,
            kinds=Kind.choices,
            state=state,
            kind=kind,
            years=list(
                Assessment.objects.filter(unit=access.unit)
                .order_by("-year")
                .values_list("year", flat=True)
            ),
        ),
    )


@login_required
@require_POST
def o4_attach(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Editors attach the generated O4 links (Q&A page, the channel) to the year's item O4."""
    access = unit_access(request, slug, need=Capability.EDIT)
    assessment = Assessment.objects.filter(unit=access.unit, year=year).first()
    if assessment is None:
        raise Http404("No assessment for this year")
    try:
        added = o4_evidence_attach(actor=request_actor(request), assessment=assessment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if added:
            messages.success(request, _("The links were added to item O4 and published."))
        else:
            messages.info(request, _("Item O4 already has these links."))
    return redirect("inquiries:staff", slug=slug)


def _question(access: UnitAccess, question_id: uuid.UUID) -> Question:
    question = Question.objects.filter(pk=question_id, unit=access.unit).first()
    if question is None:
        raise Http404("No such question")
    return question


def _question_page(
    request: HttpRequest,
    access: UnitAccess,
    question: Question,
    *,
    answer_form: AnswerForm | None = None,
    reject_form: RejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "inquiries/question.html",
        _base(
            access,
            question=question,
            answer_form=answer_form or AnswerForm(initial={"answer": question.answer}),
            reject_form=reject_form or RejectForm(),
        ),
        status=status,
    )


@login_required
def question_detail(request: HttpRequest, slug: str, question_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    return _question_page(request, access, _question(access, question_id))


@login_required
@require_POST
def question_answer(request: HttpRequest, slug: str, question_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    question = _question(access, question_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.question_answer(
                actor=_user(request), question=question, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The answer is saved."))
            return redirect("inquiries:question", slug=slug, question_id=question.pk)
    return _question_page(request, access, question, answer_form=form, status=400)


@login_required
@require_POST
def question_publish(request: HttpRequest, slug: str, question_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    question = _question(access, question_id)
    try:
        services.question_publish(actor=_user(request), question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question and its answer are published."))
    return redirect("inquiries:question", slug=slug, question_id=question.pk)


@login_required
@require_POST
def question_reject(request: HttpRequest, slug: str, question_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    question = _question(access, question_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.question_reject(
                actor=_user(request), question=question, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The question will not be published."))
            return redirect("inquiries:question", slug=slug, question_id=question.pk)
    return _question_page(request, access, question, reject_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def faq(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    form = FaqForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.faq_entry_save(actor=_user(request), unit=access.unit, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("inquiries:faq", slug=slug)
        status = 400
    return render(
        request,
        "inquiries/faq.html",
        _base(access, form=form, entries=selectors.faq_of(access.unit)),
        status=status,
    )


@login_required
@require_POST
def faq_delete(request: HttpRequest, slug: str, faq_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    entry = FaqEntry.objects.filter(pk=faq_id, unit=access.unit).first()
    if entry is None:
        raise Http404("No such entry")
    services.faq_entry_delete(actor=_user(request), entry=entry)
    messages.success(request, _("Removed."))
    return redirect("inquiries:faq", slug=slug)

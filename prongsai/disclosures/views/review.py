"""The evaluator console: the queue across the units in the evaluator's scope, and the review
screen (criteria beside the evidence)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai.core.actors import request_actor
from prongsai.organizations.access import Capability, unit_access
from prongsai.organizations.selectors import units_in_evaluator_scope

from .. import selectors, services
from ..forms import QueueFilterForm, ReviewForm
from ..models import AWAITING_REVIEW_STATES, WorkState
from .common import load_item, unit_context


@login_required
def console(request: HttpRequest) -> HttpResponse:
    """Items waiting for review in every unit the evaluator covers."""
    units = units_in_evaluator_scope(request.user)
    unit_list = list(units)
    if not unit_list:
        raise PermissionDenied("You are not an evaluator of any unit")
    form = QueueFilterForm(request.GET or None, units=unit_list)
    filters = {"unit_slug": "", "code": "", "state": "waiting"}
    if form.is_valid():
        filters = {
            "unit_slug": form.cleaned_data["unit"] or "",
            "code": form.cleaned_data["code"] or "",
            "state": form.cleaned_data["state"] or "waiting",
        }
    works = selectors.review_queue(units, **filters)
    page = Paginator(works, 50).get_page(request.GET.get("page"))
    waiting = selectors.review_queue(units).count()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "disclosures/console.html",
        {
            "form": form,
            "page": page,
            "waiting": waiting,
            "unit_count": len(unit_list),
            "query": query.urlencode(),
        },
    )


@login_required
def review(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    """The review screen. While the item waits for a review the form edits the evaluator's draft
    of the current round (round two starts empty, round one is shown beside it); otherwise it
    shows the released review read-only. Buttons: save the draft, return (round one only),
    complete (a failing result needs the confirmation box)."""
    access = unit_access(request, slug, need=Capability.EVALUATE)
    assessment, item, work = load_item(access, year, code)
    lines = selectors.criterion_lines(item, work)  # the unit's self-check and released results
    notes = selectors.private_notes_for(work)
    can_review = bool(work and work.state in AWAITING_REVIEW_STATES)
    round_two = bool(work and work.rework_used)
    initial: dict[str, str] = {"private_note": notes.get("", "")}
    if can_review:
        draft = selectors.review_draft_for(work)
        initial.update(comment=draft.comment, decision=draft.decision)
        for index, line in enumerate(lines):
            result, comment = draft.criteria.get(line.criterion.code, ("", ""))
            initial[f"c{index}_result"], initial[f"c{index}_comment"] = result, comment
    else:
        initial.update(
            comment=work.review_comment if work else "", decision=work.decision if work else ""
        )
        for index, line in enumerate(lines):
            initial[f"c{index}_result"] = line.row.result if line.row else ""
            initial[f"c{index}_comment"] = line.row.comment if line.row else ""
    for index, line in enumerate(lines):
        initial[f"c{index}_private"] = notes.get(line.criterion.code, "")
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        criteria=[line.criterion for line in lines],
    )
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if work is None or not can_review:
            messages.error(request, _("This item is not waiting for a review."))
            return redirect("disclosures:review", slug=slug, year=year, code=code)
        if action not in services.REVIEW_ACTIONS:
            form.add_error(None, _("Unknown review action."))
        elif form.is_valid():
            actor = request_actor(request)
            saved = False
            try:
                services.review_draft_save(
                    actor=actor,
                    work=work,
                    criteria={
                        c: services.CriterionReviewInput(result=r, comment=cm, private_note=pn)
                        for c, (r, cm, pn) in form.entries().items()
                    },
                    comment=form.cleaned_data["comment"],
                    decision=form.cleaned_data.get("decision") or "",
                    private_note=form.cleaned_data["private_note"],
                )
                saved = True
                if action == "return":
                    work = services.review_return(actor=actor, work=work)
                elif action == "complete":
                    work = services.review_complete(
                        actor=actor, work=work, confirm_fail=form.cleaned_data["confirm_fail"]
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
                if saved:
                    form.add_error(None, _("Your draft was saved; nothing was released."))
            else:
                if work.state == WorkState.RETURNED:
                    messages.success(
                        request,
                        _("%(code)s was returned to the unit with your comments.")
                        % {"code": item.code},
                    )
                elif work.state == WorkState.ACCEPTED:
                    messages.success(request, _("%(code)s was accepted.") % {"code": item.code})
                elif work.state == WorkState.REJECTED:
                    messages.success(request, _("%(code)s was rejected.") % {"code": item.code})
                else:
                    messages.success(request, _("Draft saved. The unit does not see it yet."))
                if action == "save":
                    return redirect("disclosures:review", slug=slug, year=year, code=code)
                return redirect("disclosures:console")
    all_evidence = selectors.evidence_of(work)
    return render(
        request,
        "disclosures/review.html",
        unit_context(
            access,
            assessment,
            item=item,
            work=work,
            lines=lines,
            rows_by_code={line.criterion.code: line.row for line in lines},
            form=form,
            can_review=can_review,
            round_two=round_two,
            can_return=bool(work and work.state == WorkState.SUBMITTED and not work.rework_used),
            evidence=[e for e in all_evidence if e.is_published],
            unpublished=sum(1 for e in all_evidence if not e.is_published),
            conditional_passes=bool(assessment.framework.spec.oit.conditional_passes),
        ),
    )

"""The unit's OIT workspace: every item with its state and owner; one item's evidence, answer,
self-check and workflow; the item's history."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.assessments.selectors import assessment_for, item_period
from prongsai.organizations.access import Capability, unit_access

from .. import selectors, services
from ..annotations import Annotation, Note, item_annotations
from ..forms import AnswerForm, ClarificationForm, SendBackForm
from ..models import ItemResult, WorkState
from ..services.statements import statement_text
from .common import error_messages, load_item, unit_context

STATE_FILTERS = ("", "mine", *WorkState.values)


@login_required
def workspace(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    tree = selectors.framework_tree(assessment)
    counts = selectors.state_counts(tree)
    total = sum(counts.values())
    with_data = sum(1 for ind in tree for g in ind.groups for r in g.rows if r.evidence_published)
    wanted = request.GET.get("state", "")
    if wanted not in STATE_FILTERS:
        wanted = ""
    if wanted:
        for indicator in tree:
            for group in indicator.groups:
                group.rows = [
                    row
                    for row in group.rows
                    if (wanted == "mine" and row.work and row.work.owner_id == request.user.pk)
                    or row.state == wanted
                ]
            indicator.groups = [g for g in indicator.groups if g.rows]
        tree = [i for i in tree if i.groups]
    return render(
        request,
        "disclosures/workspace.html",
        unit_context(
            access,
            assessment,
            tree=tree,
            counts=counts,
            states=WorkState.choices,
            total=total,
            with_data=with_data,
            accepted=counts[WorkState.ACCEPTED],
            wanted=wanted,
            public_index=selectors.public_index_url(access.unit.slug, year),
            annotations=item_annotations(assessment),
        ),
    )


def _members(unit_id: Any) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(memberships__unit_id=unit_id)
        .distinct()
        .order_by("first_name", "username")
    )


@login_required
def item_detail(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    access = unit_access(
        request, slug, need=Capability.EDIT if request.method == "POST" else Capability.VIEW
    )
    assessment, item, work = load_item(access, year, code)
    lines = selectors.criterion_lines(item, work)
    editable = access.can_edit and (work is None or work.is_editable)
    form = None
    if editable:
        initial = {
            "answer_text": work.answer_text if work else "",
            "owner": work.owner_id if work else None,
        }
        for index, line in enumerate(lines):
            initial[f"c{index}_check"] = line.self_check
            initial[f"c{index}_note"] = line.note
        form = AnswerForm(
            request.POST or None,
            initial=initial,
            criteria=[line.criterion for line in lines],
            members=_members(access.unit.pk),
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This item cannot be changed now."))
            return redirect("disclosures:item", slug=slug, year=year, code=code)
        if form.is_valid():
            try:
                services.work_save_answer(
                    actor=request.user,
                    assessment=assessment,
                    item=item,
                    answer_text=form.cleaned_data["answer_text"],
                    owner=form.cleaned_data["owner"],
                    checks={
                        c: services.CriterionCheckInput(self_check=check, note=note)
                        for c, (check, note) in form.checks().items()
                    },
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("disclosures:item", slug=slug, year=year, code=code)
    annotations = item_annotations(assessment, item.code).get(item.code, [])
    return render(
        request,
        "disclosures/item.html",
        unit_context(
            access,
            assessment,
            item=item,
            work=work,
            lines=lines,
            rows_by_code={line.criterion.code: line.row for line in lines},
            evidence=selectors.evidence_of(work),
            form=form,
            editable=editable,
            state=work.state if work else WorkState.DRAFT,
            released=bool(work and work.review_released),
            send_back_form=SendBackForm(),
            clarification_form=ClarificationForm(
                initial={"clarification_text": work.clarification_text if work else ""}
            ),
            can_clarify=bool(
                access.can_edit and work and work.result == ItemResult.FAIL and work.review_released
            ),
            public_url=selectors.public_item_url(access.unit.slug, year, item.code),
            require_approval=access.unit.require_head_approval,
            period=item_period(assessment, item.code),
            statement=statement_text(assessment, item),
            annotations=annotations,
            criterion_notes=_notes_by(annotations, "criteria"),
            evidence_notes=_notes_by(annotations, "evidence"),
        ),
    )


def _notes_by(annotations: list[Annotation], what: str) -> dict[Any, list[Note]]:
    """Criterion code (or evidence id) → the notes of every annotation about it."""
    out: dict[Any, list[Note]] = {}
    for annotation in annotations:
        notes = annotation.criteria if what == "criteria" else annotation.evidence
        for key, note in notes.items():
            out.setdefault(key, []).append(note)
            if what == "evidence":
                out.setdefault(_uuid(key), []).append(note)
    return out


def _uuid(key: str) -> Any:
    try:
        return uuid.UUID(str(key))
    except ValueError:
        return key


# action → the right it needs
ACTION_NEEDS = {
    "submit": Capability.EDIT,
    "withdraw": Capability.EDIT,
    "approve": Capability.APPROVE,
    "send_back": Capability.APPROVE,
}


@login_required
@require_POST
def item_action(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    action = request.POST.get("action", "")
    access = unit_access(request, slug, need=ACTION_NEEDS.get(action, Capability.EDIT))
    if action not in ACTION_NEEDS:
        raise PermissionDenied("Unknown action")
    _assessment, item, work = load_item(access, year, code)
    back = redirect("disclosures:item", slug=slug, year=year, code=code)
    if work is None:
        messages.error(request, _("Add evidence to this item first."))
        return back
    try:
        if action == "submit":
            work = services.work_submit(actor=request.user, work=work)
            if work.state == WorkState.AWAITING_APPROVAL:
                messages.success(
                    request, _("%(code)s is waiting for the head's approval.") % {"code": item.code}
                )
            else:
                messages.success(
                    request, _("%(code)s was sent to the evaluator.") % {"code": item.code}
                )
        elif action == "withdraw":
            services.work_withdraw(actor=request.user, work=work)
            messages.success(
                request, _("%(code)s was withdrawn; you can change it again.") % {"code": item.code}
            )
        elif action == "approve":
            services.work_approve(actor=request.user, work=work)
            messages.success(
                request, _("Approved: %(code)s was sent to the evaluator.") % {"code": item.code}
            )
        else:
            form = SendBackForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Write a note that tells the editors what to change."))
                return back
            services.work_send_back(actor=request.user, work=work, note=form.cleaned_data["note"])
            messages.success(
                request, _("%(code)s was sent back to the editors.") % {"code": item.code}
            )
    except ValidationError as exc:
        error_messages(request, exc)
    return back


@login_required
@require_POST
def item_clarification(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    _assessment, _item, work = load_item(access, year, code)
    form = ClarificationForm(request.POST)
    if work is None or not form.is_valid():
        messages.error(
            request, _("A clarification can only be written for an item the evaluator failed.")
        )
    else:
        try:
            services.work_save_clarification(
                actor=request.user, work=work, text=form.cleaned_data["clarification_text"]
            )
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("Clarification saved."))
    return redirect("disclosures:item", slug=slug, year=year, code=code)


@login_required
def item_history(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    access = unit_access(request, slug)
    assessment, item, work = load_item(access, year, code)
    entries = selectors.item_history(work)
    if not access.can_evaluate:
        # The evaluator's draft saves stay with the evaluators until the review is released
        # (the released outcome is its own entry: returned, accepted or rejected).
        entries = entries.exclude(action="oit.review.save")
    return render(
        request,
        "disclosures/history.html",
        unit_context(
            access,
            assessment,
            item=item,
            work=work,
            entries=entries[:500],
        ),
    )

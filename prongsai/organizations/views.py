"""Screens to manage units, members and roles (for unit admins, not only Django admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.core.audit import AuditEntry
from prongsai.core.routing import personal
from prongsai.mail import outbox
from prongsai.mail.models import OutgoingMail
from prongsai.mail.selectors import mail_undelivered

from . import duties, selectors, services
from .access import Capability, unit_access
from .forms import ChildUnitForm, MemberInviteForm, UnitForm
from .models import Membership, PendingGrant


@personal
@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    units = selectors.units_visible_to(request.user)
    return render(request, "organizations/unit_tree.html", {"units": units})


@login_required
def unit_settings(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    form = UnitForm(request.POST or None, instance=access.unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(
                actor=request.user,
                unit=access.unit,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Unit settings saved."))
            return redirect("organizations:settings", slug=access.unit.slug)
    return render(
        request,
        "organizations/unit_settings.html",
        {"access": access, "unit": access.unit, "form": form},
    )


@login_required
def unit_add_child(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    form = ChildUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            child = services.unit_create(
                actor=request.user,
                parent=access.unit,
                slug=data.pop("slug"),
                name_th=data.pop("name_th"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Unit %(name)s created.") % {"name": child.name_th})
            return redirect("organizations:members", slug=child.slug)
    return render(
        request,
        "organizations/unit_add_child.html",
        {"access": access, "unit": access.unit, "form": form},
    )


@login_required
def unit_members(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    actor = request.user
    assert actor.is_authenticated
    granter = selectors.granter_of(actor)
    form = MemberInviteForm(
        request.POST or None, role_choices=duties.grantable_roles(granter, access.unit.path)
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = services.member_invite(
                actor=actor, unit=access.unit, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if result.pending is not None:
                messages.success(
                    request,
                    _(
                        "The role waits for the confirmation of the unit's head (or, without one, "
                        "of an admin above)."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Member added. A new account's invitation e-mail is in the queue: it is "
                        "sent in the background and tried again if the mail server does not "
                        "answer."
                    ),
                )
            return redirect("organizations:members", slug=access.unit.slug)
    return render(
        request,
        "organizations/unit_members.html",
        {
            "access": access,
            "unit": access.unit,
            "tab": "members",
            "members": selectors.unit_members(access.unit),
            "pending": selectors.pending_grants_of(access.unit),
            "children": access.unit.children.filter(is_active=True),
            "undelivered": mail_undelivered(unit_id=access.unit.pk),
            "form": form,
        },
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    membership = get_object_or_404(Membership, pk=membership_id, unit=access.unit)
    actor = request.user
    assert actor.is_authenticated
    if membership.user_id == actor.pk and membership.role == "admin":
        messages.error(request, _("You cannot remove your own admin role."))
    else:
        try:
            services.membership_revoke(actor=actor, membership=membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Role removed."))
    return redirect("organizations:members", slug=access.unit.slug)


@login_required
def grant_requests(request: HttpRequest, slug: str) -> HttpResponse:
    """Role grants waiting for a confirmation (the head role asked by the unit's admin)."""
    access = unit_access(request, slug)
    actor = request.user
    assert actor.is_authenticated
    rows = [
        (grant, services.confirmation_decision(actor=actor, grant=grant).allowed)
        for grant in selectors.pending_grants_of(access.unit)
    ]
    return render(
        request,
        "organizations/grant_requests.html",
        {"access": access, "unit": access.unit, "tab": "grants", "rows": rows},
    )


_GRANT_DECISIONS = {
    "confirm": (services.grant_request_confirm, gettext_lazy("The role was confirmed.")),
    "decline": (services.grant_request_decline, gettext_lazy("The request was declined.")),
    "withdraw": (services.grant_request_withdraw, gettext_lazy("The request was withdrawn.")),
}


@login_required
@require_POST
def grant_request_decide(
    request: HttpRequest, slug: str, grant_id: str, decision: str
) -> HttpResponse:
    access = unit_access(request, slug)
    grant = get_object_or_404(PendingGrant, pk=grant_id, unit=access.unit)
    if decision not in _GRANT_DECISIONS:
        raise Http404("No such decision")
    service, done = _GRANT_DECISIONS[decision]
    actor = request.user
    assert actor.is_authenticated
    try:
        service(actor=actor, grant=grant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(done))
    return redirect("organizations:grants", slug=access.unit.slug)


@login_required
@require_POST
def mail_resend(request: HttpRequest, slug: str, mail_id: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    mail = get_object_or_404(OutgoingMail, pk=mail_id, unit_id=str(access.unit.pk))
    outbox.mail_resend(actor=request.user, mail=mail)
    messages.success(request, _("The e-mail is in the queue again."))
    return redirect("organizations:members", slug=access.unit.slug)


@login_required
def unit_audit(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    entries = AuditEntry.objects.filter(unit_id=str(access.unit.pk)).order_by("-seq")[:200]
    return render(
        request,
        "organizations/unit_audit.html",
        {"access": access, "unit": access.unit, "entries": entries},
    )

"""The unit's editors write the site under ``/u/<unit>/website/``: structured fields, each save
publishing the page (a new version, the OIT item's evidence)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.organizations.access import Capability, UnitAccess, unit_access

from . import forms, selectors, services
from .content import profile_of
from .models import Executive, HostName, Law, NewsPost, Policy, Section


def _page(request: HttpRequest, access: UnitAccess, template: str, **extra: Any) -> HttpResponse:
    return render(
        request,
        template,
        {"unit": access.unit, "access": access, "tab": "website", **extra},
    )


def _actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _fail(form: BaseForm, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def manage(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    unit = access.unit
    return _page(
        request,
        access,
        "website/manage/index.html",
        versions=selectors.latest_versions(unit),
        sections=selectors.PUBLIC_SECTIONS + selectors.POLICY_SECTIONS,
        news=NewsPost.objects.filter(unit=unit)[:20],
        hosts=HostName.objects.filter(unit=unit),
        can_manage=access.has(Capability.MANAGE),
    )


_PROFILE_FORMS = {
    "home": forms.HomeForm,
    Section.STRUCTURE: forms.StructureForm,
    Section.AUTHORITY: forms.AuthorityForm,
    Section.CONTACT: forms.ContactForm,
}
_PICTURE_FIELD = {"home": "head_photo", Section.AUTHORITY: "area_map"}


@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    form_class = _PROFILE_FORMS.get(part)
    if form_class is None:
        raise Http404("No such part")
    profile = profile_of(access.unit)
    form = form_class(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            values = {name: form.cleaned_data[name] for name in form._meta.fields or []}
            services.profile_update(
                actor=_actor(request),
                unit=access.unit,
                part=part,
                values=values,
                image_field=_PICTURE_FIELD.get(part, ""),
                upload=form.cleaned_data.get("picture"),
                alt=form.cleaned_data.get("picture_alt") or "",
            )
        except ValidationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Saved and published."))
            return redirect("website:profile_edit", slug=slug, part=part)
    extra: dict[str, Any] = {}
    if part == Section.STRUCTURE:
        extra = {
            "executives": Executive.objects.filter(unit=access.unit),
            "person_form": forms.ExecutiveForm(),
        }
    label = _("Home page") if part == "home" else Section(part).label
    return _page(
        request, access, "website/manage/profile.html", form=form, part=part, label=label, **extra
    )


def logo(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.LogoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.profile_update(
                actor=_actor(request),
                unit=access.unit,
                part="home",
                values={},
                image_field="logo",
                upload=form.cleaned_data["picture"],
                alt=form.cleaned_data.get("picture_alt") or access.unit.name_th,
            )
            messages.success(request, _("Saved and published."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a PNG, JPEG or WebP picture."))
    return redirect("website:profile_edit", slug=slug, part="home")


def executive_add(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ExecutiveForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.executive_add(
                actor=_actor(request),
                unit=access.unit,
                name=form.cleaned_data["name"],
                position=form.cleaned_data["position"],
                level=form.cleaned_data["level"],
                phone=form.cleaned_data.get("phone") or "",
                photo=form.cleaned_data.get("photo"),
            )
            messages.success(request, _("Saved and published."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
    return redirect("website:profile_edit", slug=slug, part=Section.STRUCTURE)


def executive_delete(request: HttpRequest, slug: str, person_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    person = get_object_or_404(Executive, pk=person_id, unit=access.unit)
    try:
        services.executive_delete(actor=_actor(request), person=person)
        messages.success(request, _("Removed and published."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("website:profile_edit", slug=slug, part=Section.STRUCTURE)


@require_http_methods(["GET", "POST"])
def laws(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    form = forms.LawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.law_add(
                actor=_actor(request),
                unit=access.unit,
                title=form.cleaned_data["title"],
                url=form.cleaned_data.get("url") or "",
            )
        except ValidationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Saved and published."))
            return redirect("website:laws", slug=slug)
    return _page(
        request,
        access,
        "website/manage/laws.html",
        form=form,
        laws=Law.objects.filter(unit=access.unit),
    )


def law_delete(request: HttpRequest, slug: str, law_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    law = get_object_or_404(Law, pk=law_id, unit=access.unit)
    try:
        services.law_delete(actor=_actor(request), law=law)
        messages.success(request, _("Removed and published."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("website:laws", slug=slug)


@require_http_methods(["GET", "POST"])
def news_edit(request: HttpRequest, slug: str, post_id: uuid.UUID | None = None) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    post = get_object_or_404(NewsPost, pk=post_id, unit=access.unit) if post_id else None
    initial = {"items": ", ".join(post.item_codes)} if post else {}
    form = forms.NewsForm(
        request.POST or None, request.FILES or None, instance=post, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.news_save(
                actor=_actor(request),
                unit=access.unit,
                post=post,
                title=data["title"],
                summary=data.get("summary") or "",
                body=data.get("body") or "",
                category=data["category"],
                published_on=data["published_on"],
                is_published=bool(data.get("is_published")),
                item_codes=form.item_codes(),
                photo=data.get("photo"),
                photo_alt=data.get("photo_alt") or "",
            )
        except ValidationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("website:news_edit", slug=slug, post_id=saved.pk)
    return _page(request, access, "website/manage/news_edit.html", form=form, post=post)


def news_delete(request: HttpRequest, slug: str, post_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    post = get_object_or_404(NewsPost, pk=post_id, unit=access.unit)
    try:
        services.news_delete(actor=_actor(request), post=post)
        messages.success(request, _("Removed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("website:manage", slug=slug)


@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.EDIT)
    if kind not in Policy.Kind.values:
        raise Http404("No such policy")
    policy = Policy.objects.filter(unit=access.unit, kind=kind).first()
    form_class = forms.NoGiftForm if kind == Policy.Kind.NO_GIFT else forms.EthicsForm
    initial = {"rules_text": forms.rules_text(policy.rules)} if policy else {}
    form = form_class(request.POST or None, request.FILES or None, instance=policy, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields or []}
        if isinstance(form, forms.EthicsForm):
            values["rules"] = form.rules()
        try:
            services.policy_save(
                actor=_actor(request),
                unit=access.unit,
                kind=kind,
                values=values,
                signature=form.cleaned_data.get("signature_picture"),
                access=access,
            )
        except ValidationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Saved and published."))
            return redirect("website:policy_edit", slug=slug, kind=kind)
    return _page(
        request,
        access,
        "website/manage/policy.html",
        form=form,
        kind=kind,
        label=Section(kind).label,
    )


@require_http_methods(["GET", "POST"])
def hosts(request: HttpRequest, slug: str) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    form = forms.HostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.host_add(
                actor=_actor(request), unit=access.unit, host=form.cleaned_data["host"]
            )
        except ValidationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("website:hosts", slug=slug)
    return _page(
        request,
        access,
        "website/manage/hosts.html",
        form=form,
        hosts=HostName.objects.filter(unit=access.unit),
    )


def host_delete(request: HttpRequest, slug: str, host_id: uuid.UUID) -> HttpResponse:
    access = unit_access(request, slug, need=Capability.MANAGE)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    record = get_object_or_404(HostName, pk=host_id, unit=access.unit)
    services.host_delete(actor=_actor(request), record=record)
    messages.success(request, _("Removed."))
    return redirect("website:hosts", slug=slug)

"""API tokens in the account settings (each user their own), and the public manifest."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from prongsai.core.routing import personal, public

from . import services
from .api import conditional
from .auth import public_assessment
from .forms import TokenForm
from .manifest_cache import manifest_cached
from .models import ApiToken


@personal
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's tokens (never the tokens themselves), a form for a new one; a new token is
    shown once, on the page that answers the form."""
    user = request.user
    assert user.is_authenticated
    if request.method == "POST" and request.POST.get("revoke"):
        return _revoke(request, str(request.POST["revoke"]))
    form = TokenForm(request.POST or None, user=user)
    made = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.token_create(
                actor=user,
                name=data["name"],
                scope=data["scope"],
                days=data["days"],
                unit=data["unit"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = TokenForm(user=user)
    return render(
        request,
        "api/tokens.html",
        {"form": form, "made": made, "tokens": services.tokens_of(user)},
    )


def _revoke(request: HttpRequest, token_id: str) -> HttpResponse:
    user = request.user
    assert user.is_authenticated
    try:
        key = uuid.UUID(token_id)
    except ValueError:
        raise Http404 from None
    token = ApiToken.objects.filter(pk=key, user_id=user.pk).first()
    if token is None:
        raise Http404
    services.token_revoke(actor=user, token=token)
    messages.success(request, _("The token was revoked: it no longer opens the API."))
    return redirect("api_pages:tokens")


@public
def manifest(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The disclosure manifest (JSON; its JSON Schema: prongsai/api/schemas/)."""
    assessment = public_assessment(slug, year)
    response = HttpResponse(manifest_cached(assessment), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, no-cache"
    return conditional(request, response)


@public
def api_not_found(request: HttpRequest, rest: str) -> HttpResponse:
    """Any address under /api/ that is no operation: a problem, not the HTML 404 page."""
    from .problems import problem_response

    return problem_response(request, 404, _("There is no such API address."))

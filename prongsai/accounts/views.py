"""Log-in with a second factor: the password step (Django's view, then the code step when the
account needs one), entering a code, setting up an authenticator app, recovery codes, and the
Thai lock-out page after too many failed log-ins."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from prongsai.core.routing import personal, public

from . import services
from .forms import CodeForm, EnrolForm
from .second_factor import has_confirmed_device, recovery_codes_left, second_factor_required


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    """Django's log-in (throttled by django-axes), then the code step for accounts that need it."""

    def get_success_url(self) -> str:
        url = super().get_success_url()
        user = self.request.user
        if user.is_authenticated and second_factor_required(user):
            step = (
                "accounts:second_factor"
                if has_confirmed_device(user)
                else "accounts:second_factor_setup"
            )
            return f"{reverse(step)}?{urlencode({'next': url})}"
        return url


login_view = public(LoginView.as_view())


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def _finish(request: HttpRequest, device: Any) -> None:
    # A new session key once the second factor is in: nothing learnt before carries over.
    request.session.cycle_key()
    otp_login(request, device)


@personal
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Enter the code from the authenticator app (or a recovery code)."""
    user = request.user
    assert user.is_authenticated
    if _verified(request):
        return HttpResponseRedirect(_next_url(request))
    if not has_confirmed_device(user):
        return render(
            request,
            "accounts/second_factor.html",
            {"form": None, "next": _next_url(request), "required": second_factor_required(user)},
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert user.is_authenticated
        device = services.second_factor_check(user=user, token=form.cleaned_data["code"])
        if device is not None:
            _finish(request, device)
            if recovery_codes_left(user) <= 2 and device.name == services.RECOVERY_NAME:
                messages.warning(
                    request,
                    _("You have %(n)s recovery codes left: make new ones on your account page.")
                    % {"n": recovery_codes_left(user)},
                )
            return HttpResponseRedirect(_next_url(request))
        form.add_error(
            "code",
            _("The code is not right (or was used already). Wait for the next code and try again."),
        )
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "next": _next_url(request), "required": True},
    )


def _qr_data_uri(url: str) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=5, border=2))


SETUP_KEY = "prongsai_totp_setup_key"


@personal
@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code.
    The key waits in the session until a code proves the app has it."""
    user = request.user
    assert user.is_authenticated
    if has_confirmed_device(user) and not _verified(request):
        # Replacing an authenticator needs the current one (or a recovery code) first.
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:second_factor')}?{query}")
    key_hex = request.session.get(SETUP_KEY) or services.totp_new_key()
    request.session[SETUP_KEY] = key_hex
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.totp_enrol(
                user=user, key_hex=key_hex, token=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            del request.session[SETUP_KEY]
            _finish(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "enrolled": True},
            )
    device = services.totp_device_for_key(key_hex)
    device.user = user
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr": _qr_data_uri(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "next": _next_url(request),
            "required": second_factor_required(user),
            "replacing": has_confirmed_device(user),
        },
    )


@personal
@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The account's second factor: state, recovery codes left; new recovery codes (POST)."""
    user = request.user
    assert user.is_authenticated
    enrolled = has_confirmed_device(user)
    if request.method == "POST" and enrolled:
        if not _verified(request):
            query = urlencode({"next": reverse("accounts:security")})
            return redirect(f"{reverse('accounts:second_factor')}?{query}")
        codes = services.recovery_codes_regenerate(actor=user, user=user)
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": reverse("accounts:security"), "enrolled": False},
        )
    return render(
        request,
        "accounts/security.html",
        {
            "enrolled": enrolled,
            "required": second_factor_required(user),
            "codes_left": recovery_codes_left(user),
        },
    )


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this when a log-in is refused for too many failures (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)

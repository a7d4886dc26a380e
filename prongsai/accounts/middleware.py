"""Log-in enforcement and headers for logged-in pages.

``SecondFactorMiddleware`` (after django-otp's ``OTPMiddleware``): a logged-in user who must use
a second factor (second_factor.py) and whose session is not verified yet reaches only public
routes, log-out and the second-factor pages; everything else sends them to enter a code (or to
set up an authenticator first). Enforced here, once for every route, not in each view.

``PrivateCacheMiddleware``: pages answered to a logged-in user carry
``Cache-Control: private, no-store``, so that no proxy or shared browser cache keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from prongsai.core.routing import is_public

from .second_factor import has_confirmed_device, second_factor_required

# Routes an unverified session may use besides public ones.
OPEN_DURING_LOG_IN = frozenset(
    {
        "logout",
        "accounts:second_factor",
        "accounts:second_factor_setup",
        "set_language",
    }
)


def _route_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or is_public(view_func):
            return None
        if _route_name(request) in OPEN_DURING_LOG_IN:
            return None
        is_verified = getattr(user, "is_verified", None)
        if is_verified is not None and is_verified():
            return None
        if not second_factor_required(user):
            return None
        target = (
            "accounts:second_factor"
            if has_confirmed_device(user)
            else "accounts:second_factor_setup"
        )
        query = urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = f"{reverse(target)}?{query}"
            return response
        return HttpResponseRedirect(f"{reverse(target)}?{query}")


class PrivateCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response

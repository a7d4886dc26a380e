"""Errors as RFC 9457 problem details (``application/problem+json``), in the caller's language
(``Accept-Language``: Thai by default, English on request; Django's LocaleMiddleware picks it)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from prongsai.disclosures.services import DisclosureError
from prongsai.surveys.ratelimit import RateLimited

from .rendering import json_bytes

PROBLEM_TYPE = "application/problem+json"
ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429)


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldProblem] = []


class ApiProblem(Exception):
    def __init__(self, status: int, detail: str = "", title: str = "") -> None:
        super().__init__(detail)
        self.status, self.detail, self.title = status, detail, title


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("A valid API token is needed"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        422: _("The request is not valid"),
        429: _("Too many requests"),
    }


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str = "",
    *,
    title: str = "",
    errors: list[dict[str, str]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or _titles().get(status, _("Error")),
        "status": status,
        "detail": detail,
        "instance": request.path,
        "errors": errors or [],
    }
    response = HttpResponse(json_bytes(body), status=status, content_type=PROBLEM_TYPE)
    response["Content-Language"] = get_language() or "th"
    response["Cache-Control"] = "no-store"
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="prongsai"'
    if status == 429:
        response["Retry-After"] = "60"
    return response


def _location(loc: Any) -> str:
    parts = [str(p) for p in (loc or []) if p not in ("body", "query", "path", "payload")]
    return ".".join(parts)


def _validation_errors(exc: NinjaValidationError) -> list[dict[str, str]]:
    out = []
    for error in exc.errors:
        out.append({"field": _location(error.get("loc")), "message": str(error.get("msg", ""))})
    return out


def _django_errors(exc: DjangoValidationError) -> tuple[str, list[dict[str, str]]]:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": "" if field == "__all__" else field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
        return (errors[0]["message"] if errors else ""), errors
    messages = [str(m) for m in exc.messages]
    return " ".join(messages), [{"field": "", "message": m} for m in messages]


def install_handlers(api: Any) -> None:
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(request, 404, _("There is no such resource, or it is not yours."))

    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(request, 403, str(exc) if str(exc) else _("Not allowed."))

    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(
            request,
            401,
            _(
                "Send a personal API token that is not expired or revoked as "
                "'Authorization: Bearer <token>'."
            ),
        )

    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        return problem_response(
            request, 422, _("Some values are missing or not valid."), errors=errors
        )

    def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        detail, errors = _django_errors(exc)
        return problem_response(request, 422, detail, errors=errors)

    def conflict(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        detail, errors = _django_errors(exc)
        return problem_response(request, 409, detail, errors=errors)

    def limited(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(
            request, 429, _("This token made too many requests this minute; try again shortly.")
        )

    def problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(request, exc.status, exc.detail, title=exc.title)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem_response(request, exc.status_code, str(exc))

    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(NinjaValidationError, invalid)
    api.add_exception_handler(DjangoValidationError, refused)
    api.add_exception_handler(DisclosureError, conflict)  # the item's state does not allow it
    api.add_exception_handler(RateLimited, limited)
    api.add_exception_handler(ApiProblem, problem)
    api.add_exception_handler(HttpError, http_error)

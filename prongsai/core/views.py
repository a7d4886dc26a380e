"""Error pages in the visitor's language (Thai first) instead of Django's English defaults."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without its security token: usually cookies are blocked or the page was
    open too long. Public respondents see a plain explanation and a way back, not a stack of
    English jargon."""
    return render(request, "errors/csrf.html", {"reason": reason}, status=403)


def _reason(exception: Exception | None) -> str:
    if isinstance(exception, TooManyFieldsSent):
        return _("The form sent more fields than the server accepts.")
    if isinstance(exception, TooManyFilesSent):
        return _("Too many files were sent at once.")
    if isinstance(exception, RequestDataTooBig):
        return _("What was sent is larger than the server accepts (%(limit)s).") % {
            "limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        }
    if isinstance(exception, MultiPartParserError):
        return _("The form's data arrived damaged (the upload was cut off or malformed).")
    if isinstance(exception, DisallowedHost):
        return _(
            "This site does not answer to the address you used. Use the address your agency "
            "gave you."
        )
    return _("The server could not understand this request.")


def bad_request(
    request: HttpRequest, exception: Exception | None = None, *, reason: str = ""
) -> HttpResponse:
    """``handler400``: Django's own refusals (too many fields or files, a body over the limit, a
    broken multipart body, a host name that is not ours) and ours (text that is not UTF-8), in
    the product's layout. The exception's own text is English and technical: never shown."""
    context = {"reason": reason or _reason(exception)}
    return render(request, "400.html", context, status=400)

"""Error pages in the visitor's language (Thai first) instead of Django's English defaults."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without its security token: usually cookies are blocked or the page was
    open too long. Public respondents see a plain explanation and a way back, not a stack of
    English jargon."""
    return render(request, "errors/csrf.html", {"reason": reason}, status=403)

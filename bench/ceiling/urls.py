"""One route: GET shows the form, POST validates it and inserts one row."""

from __future__ import annotations

from contextlib import suppress

from django import forms
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from .models import Entry


class EntryForm(forms.Form):
    submission_id = forms.UUIDField()


def submit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(f"<form method='post'>{EntryForm().as_p()}</form>")
    form = EntryForm(request.POST)
    if not form.is_valid():
        return HttpResponse("invalid", status=400)
    submission_id = form.cleaned_data["submission_id"]
    with suppress(IntegrityError):  # a resent form: stored once already
        Entry._default_manager.create(
            submission_id=submission_id, fields=dict(request.POST.items())
        )
    response = HttpResponse("stored")
    response["X-Submission-Id"] = str(submission_id)
    return response


urlpatterns = [path("submit/", submit), path("healthz", lambda request: HttpResponse("ok"))]

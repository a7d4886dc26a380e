"""The thank-you page every stored EIT answer gets is rendered once and reused (the write path's
cost, bench/surveys_ladder.py); what it shows must still be each visitor's own: a working CSRF
token of their own in the language switch, their language, and — for someone logged in — their
own header, never another visitor's."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from prongsai.surveys.models import Response

from .conftest import eit_fields, eit_url

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _answer(client: Client, campaign: Any) -> str:
    client.get(eit_url(campaign))  # the form page sets the CSRF cookie, as in a browser
    fields = eit_fields(campaign, csrfmiddlewaretoken=client.cookies["csrftoken"].value)
    response = client.post(eit_url(campaign), fields)
    assert response.status_code == 200, response.content.decode()[:500]
    assert Response.objects.filter(submission_id=fields["submission_id"]).exists()
    return response.content.decode()


def test_each_thank_you_page_carries_a_working_token_of_its_own(eit: Any) -> None:
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [_answer(first, eit), _answer(second, eit)]
    tokens = [TOKEN.search(page).group(1) for page in pages]  # type: ignore[union-attr]
    assert tokens[0] != tokens[1]
    assert "prongsai-csrf-slot" not in pages[0] + pages[1]
    for client, token in ((first, tokens[0]), (second, tokens[1])):
        switched = client.post(
            reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert switched.status_code == 302  # the language switch on the page works (no 403)


def test_the_thank_you_page_follows_the_visitors_language(eit: Any) -> None:
    thai, english = Client(), Client()
    english.cookies.load({"django_language": "en"})
    assert "Thank you. Your answers have been recorded." not in _answer(thai, eit)
    assert "Thank you. Your answers have been recorded." in _answer(english, eit)
    assert "Thank you. Your answers have been recorded." not in _answer(Client(), eit)


def test_a_logged_in_visitor_sees_their_own_header_and_nobody_else_does(
    client: Any, eit: Any, people: Any
) -> None:
    _answer(Client(), eit)  # an anonymous page is rendered (and kept) first
    people.editor.first_name, people.editor.last_name = "Somchai", "Jaidee"
    people.editor.save()
    client.force_login(people.editor)
    assert "Somchai Jaidee" in _answer(client, eit)
    assert "Somchai Jaidee" not in _answer(Client(), eit)

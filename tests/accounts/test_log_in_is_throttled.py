"""Guessing passwords stops: after a few wrong passwords an account, and separately a client
address, is paused (in the database, so every app server sees it), with a Thai message; an
admin lifts the pause."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ..conftest import Personas
from ..factories import PASSWORD

LOGIN = "/accounts/login/"


def _try(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture(autouse=True)
def _small_limit(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 5


def test_thirty_wrong_passwords_are_not_all_tried(people: Personas) -> None:
    client = Client(REMOTE_ADDR="10.1.1.1")
    answers = [_try(client, "editor", f"guess-{n}").status_code for n in range(30)]
    assert answers[:4] == [200] * 4  # the form again, "did not match"
    assert set(answers[5:]) == {429}
    # Even the right password is refused while the pause lasts.
    refused = _try(client, "editor", PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    page = refused.content.decode()
    assert "พักการเข้าสู่ระบบ" in page  # Thai: log-in paused
    assert "15" in page  # minutes


def test_the_pause_follows_the_account_to_another_address(people: Personas) -> None:
    for n in range(5):
        _try(Client(REMOTE_ADDR=f"10.2.0.{n}"), "editor", "wrong-password")
    assert _try(Client(REMOTE_ADDR="10.2.9.9"), "editor", PASSWORD).status_code == 429
    # Another account from a fresh address logs in as usual.
    assert _try(Client(REMOTE_ADDR="10.2.9.10"), "viewer", PASSWORD).status_code == 302


def test_an_address_trying_many_accounts_is_paused(people: Personas) -> None:
    client = Client(REMOTE_ADDR="10.3.3.3")
    for name in ("editor", "head", "viewer", "outsider", "nobody"):
        _try(client, name, "wrong-password")
    assert _try(client, "sibling-editor", PASSWORD).status_code == 429
    assert _try(Client(REMOTE_ADDR="10.3.3.4"), "sibling-editor", PASSWORD).status_code == 302


def test_the_unlock_command_lifts_the_pause_and_is_audited(people: Personas) -> None:
    from prongsai.core.models import AuditEntry

    for n in range(5):
        _try(Client(REMOTE_ADDR=f"10.4.0.{n}"), "editor", "wrong-password")
    assert _try(Client(REMOTE_ADDR="10.4.1.1"), "editor", PASSWORD).status_code == 429
    out = StringIO()
    call_command("account_unlock", "editor", stdout=out)
    assert "unlocked editor" in out.getvalue()
    assert _try(Client(REMOTE_ADDR="10.4.1.1"), "editor", PASSWORD).status_code == 302
    assert AuditEntry.objects.filter(action="account.unlock", object_repr="editor").exists()


def test_a_platform_admin_lifts_the_pause_in_django_admin(people: Personas, client: Any) -> None:
    for n in range(5):
        _try(Client(REMOTE_ADDR=f"10.5.0.{n}"), "editor", "wrong-password")
    people.outsider.is_superuser = people.outsider.is_staff = True
    people.outsider.save()
    client.force_login(people.outsider)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock_log_in", "_selected_action": [people.editor.pk]},
    )
    assert response.status_code == 302
    assert _try(Client(REMOTE_ADDR="10.5.1.1"), "editor", PASSWORD).status_code == 302

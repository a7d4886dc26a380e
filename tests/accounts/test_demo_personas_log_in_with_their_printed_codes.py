"""The demo's admins and evaluator need a second factor like everyone with those roles:
``demo_load`` gives them known authenticator keys and recovery codes and prints them."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db import transaction
from django.test import Client

from prongsai.demo.base import load_base
from prongsai.demo.context import DEMO_PASSWORD
from prongsai.demo.second_factor import demo_code, demo_recovery_codes, provision

LOGIN = "/accounts/login/"


def test_demo_personas_log_in_with_the_printed_key_or_recovery_code(
    db: None, settings: Any
) -> None:
    with transaction.atomic():
        ctx = load_base()
    for user in ctx.users.values():
        provision(user)
    # The key as printed: an authenticator app's code.
    client = Client()
    step = client.post(LOGIN, {"username": "kalasin-admin", "password": DEMO_PASSWORD})
    assert step["Location"].startswith("/accounts/2fa/")
    assert client.post(step["Location"], {"code": demo_code("kalasin-admin")}).status_code == 302
    assert client.get("/u/kalasin-immigration/members/").status_code == 200
    # A printed recovery code; provisioning again brings used ones back.
    code = demo_recovery_codes("division4-evaluator")[0]
    for _ in range(2):
        client = Client()
        step = client.post(LOGIN, {"username": "division4-evaluator", "password": DEMO_PASSWORD})
        assert client.post(step["Location"], {"code": code}).status_code == 302
        provision(ctx.users["division4-evaluator"])
    # Editors log in with their password only.
    client = Client()
    assert (
        client.post(LOGIN, {"username": "kalasin-editor", "password": DEMO_PASSWORD})["Location"]
        == "/"
    )
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_code", "kalasin-admin", stdout=out)
    assert out.getvalue().strip().isdigit()

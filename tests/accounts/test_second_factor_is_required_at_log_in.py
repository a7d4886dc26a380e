"""Platform admins, unit admins and evaluators (and any role a later app marks so) log in with a
second factor: a code from an authenticator app, or a recovery code. It is asked once at log-in
and enforced for every route; other users log in with their password alone."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from prongsai.accounts.second_factor import second_factor_required
from prongsai.organizations import duties
from prongsai.organizations.models import Membership

from ..conftest import Personas, Tree
from ..factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"


def _code_for(secret_b32: str, *, later: int = 0) -> str:
    from base64 import b32decode

    totp = TOTP(b32decode(secret_b32))
    totp.time = time.time() + 30 * later
    return f"{totp.token():06d}"


@pytest.mark.parametrize(
    ("persona", "needed"),
    [
        ("admin", True),
        ("bureau_admin", True),
        ("evaluator", True),
        ("editor", False),
        ("head", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_needs_a_second_factor(people: Personas, persona: str, needed: bool) -> None:
    assert second_factor_required(getattr(people, persona)) is needed


def test_platform_admins_need_one(people: Personas) -> None:
    people.outsider.is_superuser = True
    people.outsider.save()
    assert second_factor_required(people.outsider)


def test_a_role_added_by_a_later_app_can_require_it(tree: Tree, people: Personas) -> None:
    # A role no app registers (popping a real one, e.g. the complaints app's, would break every
    # later test that grants it).
    rule = duties.RoleRule("later_app_role", "A later app's role", second_factor=True)
    duties.register_role(rule)
    try:
        Membership.objects.create(user=people.outsider, unit=tree.unit, role="later_app_role")
        assert second_factor_required(people.outsider)
    finally:
        duties._RULES.pop("later_app_role")


def test_the_setting_adds_roles(people: Personas, settings: Any) -> None:
    settings.SECOND_FACTOR_ROLES = ["head"]
    assert second_factor_required(people.head)
    settings.SECOND_FACTOR_ROLES = ["*"]
    assert second_factor_required(people.outsider)


def test_a_unit_admin_sets_up_an_authenticator_then_logs_in_with_codes(
    tree: Tree, people: Personas
) -> None:
    members = reverse("organizations:members", kwargs={"slug": tree.unit.slug})
    client = Client()
    response = client.post(LOGIN, {"username": "admin", "password": PASSWORD, "next": members})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_setup"))
    # The password alone opens nothing.
    blocked = client.get(members)
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("accounts:second_factor_setup"))
    setup = client.get(response["Location"])
    html = setup.content.decode()
    assert 'data-testid="totp-qr"' in html and "data:image/svg+xml" in html
    found = re.search(r'data-testid="totp-secret">([^<]+)<', html)
    assert found is not None
    secret = re.sub(r"\s", "", found.group(1))
    refused = client.post(response["Location"], {"code": "000000"})
    assert "ไม่ถูกต้อง" in refused.content.decode() or "not right" in refused.content.decode()
    done = client.post(response["Location"], {"code": _code_for(secret)})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get(members).status_code == 200
    assert client.get(members)["Cache-Control"] == "private, no-store"

    # Next log-in: password, then a code.
    client = Client()
    response = client.post(LOGIN, {"username": "admin", "password": PASSWORD, "next": members})
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    step = response["Location"]
    assert client.get(members).status_code == 302
    verified = client.post(step, {"code": _code_for(secret, later=1)})
    assert verified.status_code == 302 and verified["Location"] == members
    assert client.get(members).status_code == 200

    # A recovery code works once.
    for attempt in (1, 2):
        client = Client()
        client.post(LOGIN, {"username": "admin", "password": PASSWORD})
        answer = client.post(reverse("accounts:second_factor"), {"code": codes[0]})
        assert (answer.status_code == 302) is (attempt == 1)


def test_a_password_only_session_reaches_no_private_route(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.evaluator, second_factor=False)
    for url in (
        reverse("disclosures:console"),
        reverse("assessments:unit_home", kwargs={"slug": tree.unit.slug}),
        reverse("disclosures:review", kwargs={"slug": tree.unit.slug, "year": 2567, "code": "O1"}),
        reverse("admin:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/2fa/"), url
    # Public pages stay open.
    assert client.get(f"/p/{tree.unit.slug}/2567/oit/").status_code == 200


def test_users_without_a_required_role_log_in_with_their_password(people: Personas) -> None:
    client = Client()
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/units/").status_code == 200


def test_logged_in_pages_are_not_cached_and_public_ones_may_be(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    public = f"/p/{tree.unit.slug}/2567/oit/"
    assert "no-store" not in client.get(public).get("Cache-Control", "")
    client.force_login(people.editor)
    for url in (
        "/units/",
        public,
        reverse("assessments:unit_home", kwargs={"slug": tree.unit.slug}),
    ):
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_a_lost_phone_is_reset_by_a_platform_admin(people: Personas) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ..second_factor import test_device

    test_device(people.admin)
    call_command("account_unlock", "admin", "--reset-2fa", stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=people.admin).exists()
    client = Client()
    response = client.post(LOGIN, {"username": "admin", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:second_factor_setup"))


def test_a_new_account_with_a_required_role_enrols_at_first_log_in(tree: Tree) -> None:
    user: Any = UserFactory(username="new-evaluator")
    Membership.objects.create(user=user, unit=tree.division, role="evaluator")
    client = Client()
    response = client.post(LOGIN, {"username": "new-evaluator", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:second_factor_setup"))


def test_a_wrong_code_is_refused_and_opens_nothing(tree: Tree, people: Personas) -> None:
    from ..second_factor import current_code, test_device

    test_device(people.admin)
    client = Client()
    client.post(LOGIN, {"username": "admin", "password": PASSWORD})
    right = current_code(people.admin)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    answer = client.post(reverse("accounts:second_factor"), {"code": wrong})
    assert answer.status_code == 200
    assert "รหัสไม่ถูกต้อง" in answer.content.decode()
    assert client.get("/units/").status_code == 302
    # Wrong codes slow the next tries down (django-otp's throttling, kept in the database).
    assert client.post(reverse("accounts:second_factor"), {"code": right}).status_code == 200

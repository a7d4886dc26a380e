"""A user makes a token on their account's API tokens page (linked from the log-in security
page), sees it once, and revokes it there; only a keyed digest is stored; both are audited."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from prongsai.api.models import ApiToken
from prongsai.core.models import AuditEntry

from .conftest import Api, Units


def test_a_token_is_shown_once_stored_hashed_and_revoked(client: Any, units: Units) -> None:
    editor = units.people.editor
    client.force_login(editor)
    security = client.get(reverse("accounts:security")).content.decode()
    assert reverse("api_pages:tokens") in security
    page = client.post(
        reverse("api_pages:tokens"),
        {"name": "bureau dashboard", "scope": "read", "days": "30", "unit": ""},
    )
    assert page.status_code == 200
    plain = re.search(r"pgs_[A-Za-z0-9_-]{43}", page.content.decode()).group(0)  # type: ignore[union-attr]
    stored = ApiToken.objects.get(user=editor)
    assert plain not in (stored.digest, stored.prefix) and plain.startswith(stored.prefix)
    assert not ApiToken.objects.filter(digest__contains=plain[4:20]).exists()
    again = client.get(reverse("api_pages:tokens")).content.decode()
    assert plain not in again and stored.prefix in again  # never shown again
    assert Api(plain).get("/api/v1/units").status_code == 200
    client.post(reverse("api_pages:tokens"), {"revoke": str(stored.pk)})
    assert Api(plain).get("/api/v1/units").status_code == 401
    actions = AuditEntry.objects.filter(object_id=str(stored.pk)).values_list("action", flat=True)
    assert list(actions) == ["api.token_create", "api.token_revoke"]
    assert all(plain not in str(e.changes) for e in AuditEntry.objects.all())


def test_nobody_revokes_another_users_token(client: Any, units: Units) -> None:
    from .conftest import token

    token(units.people.editor)
    other = ApiToken.objects.get()
    client.force_login(units.people.admin)
    assert client.post(reverse("api_pages:tokens"), {"revoke": str(other.pk)}).status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_a_token_limited_to_a_subtree_offers_only_units_the_user_sees(
    client: Any, units: Units
) -> None:
    client.force_login(units.people.editor)
    form = client.get(reverse("api_pages:tokens")).context["form"]
    assert [u.slug for u in form.fields["unit"].queryset] == ["kalasin-immigration"]

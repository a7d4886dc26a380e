"""A revoked token, an expired one, a made-up one and a deactivated user's are all refused with
401; revoking takes effect on the next request."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from prongsai.api.models import ApiToken
from prongsai.api.services import token_revoke

from .conftest import Api, Units, token


def test_a_revoked_token_is_refused_at_once(units: Units) -> None:
    plain = token(units.people.editor)
    client = Api(plain)
    assert client.get("/api/v1/units").status_code == 200
    token_revoke(actor=units.people.editor, token=ApiToken.objects.get())
    assert client.get("/api/v1/units").status_code == 401


def test_an_expired_token_is_refused(units: Units) -> None:
    plain = token(units.people.editor)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = Api(plain).get("/api/v1/units")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_made_up_token_and_a_deactivated_users_token_are_refused(units: Units) -> None:
    assert Api("pgs_" + "x" * 43).get("/api/v1/units").status_code == 401
    assert Api("not-a-token").get("/api/v1/units").status_code == 401
    plain = token(units.people.editor)
    units.people.editor.is_active = False
    units.people.editor.save()
    assert Api(plain).get("/api/v1/units").status_code == 401


def test_only_its_own_user_revokes_a_token(units: Units) -> None:
    import pytest
    from django.core.exceptions import ValidationError

    token(units.people.editor)
    with pytest.raises(ValidationError):
        token_revoke(actor=units.people.admin, token=ApiToken.objects.get())
    assert ApiToken.objects.get().revoked_at is None

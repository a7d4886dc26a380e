"""Writes for API tokens: made and revoked by their own user, each audited (never the token)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record
from prongsai.core.text import text_problems
from prongsai.organizations.access import Capability, access_for
from prongsai.organizations.models import Unit

from .models import ApiToken, Scope
from .tokens import token_digest, token_new

MAX_DAYS = 366


@dataclass(frozen=True)
class MadeToken:
    token: ApiToken
    plain: str  # shown once, on the page that made it


@transaction.atomic
def token_create(
    *,
    actor: AbstractBaseUser,
    name: str,
    scope: str,
    days: int,
    unit: Unit | None = None,
) -> MadeToken:
    """A new token for ``actor`` itself, valid ``days`` days (1–366)."""
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the token a name (what it is for).")]
    elif problems := text_problems(name, limit=100):
        errors["name"] = problems
    if scope not in Scope.values:
        errors["scope"] = [_("Unknown scope.")]
    if not 1 <= days <= MAX_DAYS:
        errors["days"] = [_("A token is valid for 1 to %(n)s days.") % {"n": MAX_DAYS}]
    if unit is not None and not access_for(actor, unit).has(Capability.VIEW):
        errors["unit"] = [_("You hold no role reaching this unit.")]
    if errors:
        raise ValidationError(errors)
    plain = token_new()
    token = ApiToken.objects.create(
        user_id=actor.pk,
        name=name,
        prefix=plain[:10],
        digest=token_digest(plain),
        scope=scope,
        unit=unit,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_record(
        actor=actor,
        action="api.token_create",
        obj=token,
        object_repr=token.name,
        unit_id=unit.pk if unit else None,
        changes={
            "token_name": token.name,
            "token_scope": scope,
            "token_subtree": unit.name_th if unit else "",
            "token_expires": token.expires_at.date(),
        },
    )
    return MadeToken(token=token, plain=plain)


@transaction.atomic
def token_revoke(*, actor: AbstractBaseUser, token: ApiToken) -> ApiToken:
    """Revoke one of ``actor``'s own tokens (at once: the next request with it is refused)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != actor.pk:
        raise ValidationError(_("This is not one of your tokens."))
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action="api.token_revoke",
        obj=token,
        object_repr=token.name,
        unit_id=token.unit_id,
        changes={"token_name": token.name},
    )
    return token


def token_touch(*, token: ApiToken) -> None:
    """Note when a token was last used (at most once a minute, by the rate counter's first hit;
    bookkeeping, not audited)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())


def tokens_of(user: AbstractBaseUser) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user_id=user.pk).select_related("unit"))

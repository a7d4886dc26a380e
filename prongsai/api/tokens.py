"""Making and recognising API tokens (the plain token is never stored)."""

from __future__ import annotations

import secrets

from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import ApiToken

PREFIX = "pgs_"


def token_new() -> str:
    """A fresh token: ``pgs_`` and 43 URL-safe characters (256 random bits)."""
    return PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The keyed digest under which a token is stored and found (as IIT codes are)."""
    return salted_hmac("prongsai.api.token", token, algorithm="sha256").hexdigest()


def token_lookup(token: str) -> ApiToken | None:
    """The active token (not revoked, not expired) that ``token`` is, with its user; else None."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    found = (
        ApiToken.objects.select_related("user", "unit")
        .filter(digest=token_digest(token), revoked_at__isnull=True)
        .first()
    )
    if found is None or found.expires_at <= timezone.now() or not found.user.is_active:
        return None
    return found

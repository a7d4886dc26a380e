"""The invitation a new member receives: a one-time link to choose a password.

Queued through the outbox (prongsai/mail) in the transaction that creates the account, so the
mail server being down neither fails the request nor loses the invitation; the link is made when
the mail is delivered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.template.loader import render_to_string

from prongsai.core.site import site_to_keep
from prongsai.mail.outbox import MailContent, mail_kind, mail_queue
from prongsai.mail.password_reset import link_context, user_for

KIND = "organizations.invitation"


@mail_kind(KIND)
def render_invitation(params: Mapping[str, Any]) -> MailContent:
    context = link_context(user_for(params), str(params.get("site", "")))
    return MailContent(
        subject=render_to_string("organizations/invite_subject.txt", context),
        body=render_to_string("organizations/invite_email.txt", context),
    )


def invitation_queue(*, user: User, unit_id: Any) -> None:
    """Queue ``user``'s invitation (inside the transaction that creates the account)."""
    mail_queue(
        kind=KIND,
        to=[user.email],
        params={"user_id": user.pk, "site": site_to_keep()},
        unit_id=unit_id,
    )

"""Password-reset mail through the outbox: the page answers at once, whatever the mail server
does, and the one-time link is made when the mail is delivered (never stored)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prongsai.core.site import site_base, site_to_keep

from .outbox import MailContent, MailUndeliverable, mail_kind, mail_queue

KIND = "mail.password_reset"


def link_context(user: Any, site: str = "") -> dict[str, Any]:
    """What a set-password link needs (Django's reset token; valid until used or expired), on
    the site's address the reset was asked from (``site``), else the current one."""
    base = urlsplit(site or site_base())
    return {
        "user": user,
        "protocol": base.scheme,
        "domain": base.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def user_for(params: Mapping[str, Any]) -> Any:
    user = get_user_model().objects.filter(pk=params["user_id"], is_active=True).first()
    if user is None:
        raise MailUndeliverable("the recipient's account no longer exists or is disabled")
    return user


@mail_kind(KIND)
def render_password_reset(params: Mapping[str, Any]) -> MailContent:
    context = link_context(user_for(params), str(params.get("site", "")))
    subject = render_to_string("registration/password_reset_subject.txt", context)
    body = render_to_string("registration/password_reset_email.html", context)
    return MailContent(subject=subject, body=body)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's form, except that the mail is queued (one per matching active account)."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        email = self.cleaned_data["email"]
        for user in self.get_users(email):
            mail_queue(
                kind=KIND,
                to=[getattr(user, "email", email)],
                params={"user_id": user.pk, "site": site_to_keep()},
            )

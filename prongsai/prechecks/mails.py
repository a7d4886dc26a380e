"""The mail an item's owner gets when a link that passed the pre-check fails now."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string

from prongsai.core.site import absolute_url, site_base_override
from prongsai.mail.outbox import MailContent, mail_kind

from .services import MAIL_KIND


@mail_kind(MAIL_KIND)
def render_link_failed(params: Mapping[str, Any]) -> MailContent:
    with site_base_override(str(params.get("site", ""))):
        context = {**params, "url": absolute_url(str(params.get("path", "")))}
    return MailContent(
        subject=render_to_string("prechecks/link_failed_subject.txt", context).strip(),
        body=render_to_string("prechecks/link_failed_email.txt", context),
    )

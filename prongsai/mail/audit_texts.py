"""The sentence for each audit action this app writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action

register_action("mail.resend", _("E-mail queued to be sent again"))

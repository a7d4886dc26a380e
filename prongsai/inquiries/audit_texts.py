"""One sentence per audit action of ``inquiries/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Kind

for action, sentence in {
    "inquiry.submit": _("A question or feedback arrived: %(object)s"),
    "inquiry.answer": _("Answer written: %(object)s"),
    "inquiry.publish": _("Question and answer published: %(object)s"),
    "inquiry.reject": _("Question not published: %(object)s"),
    "faq.create": _("FAQ entry added: %(object)s"),
    "faq.update": _("FAQ entry changed: %(object)s"),
    "faq.delete": _("FAQ entry removed: %(object)s"),
}.items():
    register_action(action, sentence)

register_fields({"kind": _("kind"), "first": _("first answer"), "question": _("question")})
register_values("kind", dict(Kind.choices))

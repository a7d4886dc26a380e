"""One sentence per audit action of ``documents/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action

for action, sentence in {
    "document.request": _("Document requested"),
    "document.retry": _("Document requested again"),
    "document.delivered": _("Document downloaded"),
    "document.freeze": _("Document kept as a published version"),
}.items():
    register_action(action, sentence)

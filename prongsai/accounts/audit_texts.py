"""One sentence per audit action of ``accounts/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action

for action, sentence in {
    "account.second_factor.enrol": _("Authenticator app set up"),
    "account.recovery_codes.regenerate": _("New recovery codes made"),
    "account.recovery_code.use": _("A recovery code was used to log in"),
    "account.second_factor.reset": _("Second factor reset"),
    "account.unlock": _("Paused log-in lifted"),
}.items():
    register_action(action, sentence)

"""One sentence per audit action of ``api/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Scope

register_action("api.token_create", _("API token %(object)s created"))
register_action("api.token_revoke", _("API token %(object)s revoked"))
register_fields(
    {
        "token_name": _("token name"),
        "token_scope": _("token scope"),
        "token_subtree": _("only inside the subtree of"),
        "token_expires": _("token expires"),
    }
)
register_values("token_scope", dict(Scope.choices))

"""One sentence per audit action of ``organizations/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .duties import role_label
from .models import Unit

for action, sentence in {
    "unit.create": _("Unit %(object)s created"),
    "unit.update": _("Unit details changed"),
    "user.create": _("Account %(object)s created"),
    "membership.grant": _("Role granted"),
    "membership.update": _("Role details changed"),
    "membership.revoke": _("Role removed"),
    "membership.request": _("Role requested, waiting for the head's confirmation"),
    "membership.confirm": _("Role request confirmed"),
    "membership.decline": _("Role request declined"),
    "membership.withdraw": _("Role request withdrawn"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "name_th": _("name (Thai)"),
        "name_en": _("name (English)"),
        "short_name_th": _("short name"),
        "parent": _("parent unit"),
        "slug": _("short address"),
        "website": _("website"),
        "phone": _("telephone"),
        "address": _("postal address"),
        "email": _("e-mail"),
        "is_active": _("active"),
        "require_head_approval": _("head approves before submitting"),
        "depth": _("level"),
        "path": _("place in the tree"),
        "username": _("user name"),
    }
)
register_values("role", role_label)
register_values("kind", dict(Unit.Kind.choices))

"""One sentence per audit action of ``prechecks/services.py`` and the labels of its fields."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import CheckRun

for action, sentence in {
    "prechecks.run.request": _("Evidence pre-check asked for"),
    "prechecks.run.done": _("Evidence pre-check done"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "item": _("item"),
        "trigger": _("asked by"),
        "items_checked": _("items checked"),
        "items_passing": _("items passing"),
        "items_with_warnings": _("items with warnings"),
        "items_failing": _("items failing"),
        "links_checked": _("links checked"),
        "owners_mailed": _("owners told by e-mail"),
    }
)
register_values("trigger", dict(CheckRun.Reason.choices))

"""One sentence per audit action of ``rollup/services.py`` (a parent's actions on its subtree)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields

for action, sentence in {
    "rollup.assessments_open": _("The year's assessments opened for the units below %(object)s"),
    "rollup.evaluators_assign": _("An evaluator assigned to units below %(object)s"),
    "rollup.reminders_send": _("Reminders sent to the units behind below %(object)s"),
    "rollup.digest_opt_in": _("Weekly roll-up digest turned on"),
    "rollup.digest_opt_out": _("Weekly roll-up digest turned off"),
    "rollup.digest_send": _("Weekly roll-up digest sent for %(object)s"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "leaves_only": _("offices only"),
        "opened": _("opened"),
        "already": _("already there"),
        "granted": _("granted"),
        "topic": _("behind on"),
        "units": _("units"),
    }
)

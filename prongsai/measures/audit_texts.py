"""One sentence per audit action of the measures plan (``measures/services.py``, the import)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Status

for action, sentence in {
    "plan.import": _("Measures plan imported"),
    "plan_row.create": _("Plan row added"),
    "plan_row.update": _("Plan row changed"),
    "plan_row.delete": _("Plan row removed"),
    "plan_row.move": _("Plan rows reordered"),
    "progress.add": _("Progress recorded on a plan row"),
    "progress.delete": _("Progress entry removed"),
    "plan_rows.remind": _("Reminders sent for overdue plan rows"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "row": _("plan row"),
        "row_status": _("row status"),
        "rows_created": _("rows added"),
        "rows_removed": _("rows removed"),
        "responsible_users": _("responsible users"),
        "indicator": _("indicator"),
        "activity": _("activity"),
        "cadence": _("monitoring cadence"),
    }
)
register_values("status", dict(Status.choices))
register_values("row_status", dict(Status.choices))
register_values("mode", {"append": _("added to the plan"), "replace": _("replaced the plan")})

"""One sentence per audit action of the records (``records/services.py``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

for action, sentence in {
    "records.settings": _("Records due day changed"),
    "records.operation_add": _("Operations report entry added"),
    "records.operation_change": _("Operations report entry changed"),
    "records.operation_delete": _("Operations report entry removed"),
    "records.photo_delete": _("Photo removed from an operations report entry"),
    "records.series_add": _("Statistics series added"),
    "records.series_change": _("Statistics series changed"),
    "records.series_delete": _("Statistics series removed"),
    "records.values_set": _("Statistics of a month entered"),
    "records.line_add": _("Budget line added"),
    "records.line_change": _("Budget line changed"),
    "records.line_delete": _("Budget line removed"),
    "records.budget_set": _("Budget spending of a month entered"),
    "records.fund_set": _("Investigation fund of a quarter entered"),
    "records.import": _("Records imported from a file"),
    "records.remind": _("Reminder sent for records due"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "due_day": _("due day"),
        "thai_digits": _("Thai digits in the documents"),
        "month": _("month"),
        "quarter": _("quarter"),
        "work_area": _("work area"),
        "activity": _("project / activity"),
        "details": _("details"),
        "period": _("period"),
        "section": _("responsible section"),
        "photos": _("photos"),
        "photo": _("photo"),
        "series": _("series"),
        "category": _("category"),
        "measure": _("unit of measure"),
        "values": _("values"),
        "line": _("budget line"),
        "planned": _("planned"),
        "allocated": _("allocated"),
        "spent": _("spent"),
        "cases": _("cases"),
        "kind": _("record kind"),
        "rows": _("rows"),
        "removed": _("entries replaced"),
        "months": _("months"),
        "stage": _("reminder"),
        "recipients": _("recipients"),
    }
)
register_values(
    "kind",
    {
        "operations": _("Monthly operations report"),
        "statistics": _("Statistics"),
        "budget": _("Budget spending"),
        "fund": _("Investigation fund"),
    },
)
register_values("stage", {"before": _("before the due day"), "after": _("after the due day")})

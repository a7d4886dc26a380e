"""The sentence for each audit action this app writes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields

register_action("report_settings.save", _("Report settings saved"))
register_fields(
    {
        "assessment": _("assessment"),
        "order_number": _("order number"),
        "order_date": _("order date"),
        "briefing_date": _("briefing date"),
        "briefing_text": _("briefing"),
        "disclosure_areas": _("areas of disclosure"),
        "publication": _("where the report is published"),
        "reporter_rank": _("reporter's rank"),
        "reporter_name": _("reporter's name"),
        "reporter_position": _("reporter's position"),
        "reviewer_rank": _("reviewer's rank"),
        "reviewer_name": _("reviewer's name"),
        "reviewer_position": _("reviewer's position"),
    }
)

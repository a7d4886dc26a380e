"""One sentence per audit action of ``assessments/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Assessment

register_action("assessment.open", _("Assessment %(object)s opened"))
register_action("assessment.update", _("Assessment details changed"))
register_fields(
    {
        "framework": _("framework"),
        "unit": _("unit"),
        "headcount_internal": _("internal staff"),
        "headcount_external": _("external service users"),
        "inputs_version": _("inputs version"),
    }
)
register_values("status", dict(Assessment.Status.choices))

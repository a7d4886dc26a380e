"""One sentence per audit action of the bribery-risk register (``risks/services.py``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import RiskType, Round, Status

for action, sentence in {
    "risk_register.open": _("Bribery-risk register opened"),
    "risk_register.update": _("Bribery-risk register introduction changed"),
    "risk_register.import": _("Bribery-risk register imported"),
    "risk_process.create": _("Process added to the risk register"),
    "risk_process.update": _("Process of the risk register changed"),
    "risk_process.delete": _("Process removed from the risk register"),
    "risk_event.create": _("Risk event added"),
    "risk_event.update": _("Risk event changed"),
    "risk_event.delete": _("Risk event removed"),
    "risk_treatment.create": _("Risk treatment added"),
    "risk_treatment.update": _("Risk treatment changed"),
    "risk_treatment.delete": _("Risk treatment removed"),
    "risk_followup.add": _("Follow-up recorded on a risk treatment"),
    "risk_followup.delete": _("Follow-up of a risk treatment removed"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "origin": _("started from"),
        "events": _("risk events"),
        "introduction": _("introduction"),
        "process": _("process"),
        "name": _("name"),
        "section": _("section"),
        "legal_basis": _("legal basis"),
        "authority_step": _("step where authority is used"),
        "description": _("description"),
        "cause": _("cause"),
        "risk_type": _("risk type"),
        "controls": _("existing controls"),
        "likelihood": _("likelihood"),
        "impact": _("impact"),
        "measure": _("measure"),
        "owner_user": _("responsible user"),
        "owner_position": _("responsible position"),
        "due_date": _("due date"),
        "kpi": _("indicator (KPI)"),
        "treatment": _("treatment"),
        "followup_round": _("follow-up round"),
        "done": _("what was done"),
        "residual_likelihood": _("residual likelihood"),
        "residual_impact": _("residual impact"),
        "treatment_status": _("treatment status"),
        "events_created": _("risk events added"),
        "events_removed": _("risk events removed"),
    }
)
register_values("risk_type", dict(RiskType.choices))
register_values("followup_round", {str(k): v for k, v in Round.choices})
register_values("treatment_status", dict(Status.choices))

"""One sentence per audit action of ``surveys/services``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Instrument

for action, sentence in {
    "survey.campaign_create": _("Survey campaign set up"),
    "survey.campaign_update": _("Survey dates or target changed"),
    "survey.campaign_open": _("Survey opened"),
    "survey.campaign_close": _("Survey closed"),
    "survey.codes_generate": _("One-time IIT codes generated"),
    "survey.codes_void": _("Unused IIT codes voided"),
    "survey.codes_printed": _("IIT code slips downloaded; the plain codes were destroyed"),
    "survey.import": _("Paper survey forms imported"),
    "survey.tallies_rebuild": _("Survey counts recomputed"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "instrument": _("survey"),
        "opens_on": _("opens on"),
        "closes_on": _("closes on"),
        "closed_early": _("closed early"),
        "target_override": _("target set by hand"),
        "target_reason": _("reason for the target"),
        "computed_target": _("target from the headcount"),
        "batch": _("batch"),
        "codes": _("codes"),
    }
)
register_values("instrument", dict(Instrument.choices))

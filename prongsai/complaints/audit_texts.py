"""One sentence per audit action of ``complaints/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import State

for action, sentence in {
    "complaint.submit": _("Complaint %(object)s received"),
    "complaint.reply": _("The complainant replied on %(object)s"),
    "complaint.identity_give": _("The complainant gave their identity on %(object)s"),
    "complaint.acknowledge": _("Complaint %(object)s acknowledged"),
    "complaint.investigate": _("Investigation of %(object)s started"),
    "complaint.conclude": _("Complaint %(object)s concluded"),
    "complaint.close": _("Complaint %(object)s closed"),
    "complaint.reopen": _("Complaint %(object)s reopened"),
    "complaint.note": _("Internal note added to %(object)s"),
    "complaint.message": _("Message sent to the complainant of %(object)s"),
    "complaint.assign": _("Complaint %(object)s assigned"),
    "complaint.exclude": _("A handler was excluded from %(object)s"),
    "complaint.identity_reveal": _("The complainant's identity on %(object)s was revealed"),
    "complaint.purge": _("Complaint %(object)s purged after its retention period"),
    "complaints.rotate_key": _("Complaint encryption key rotated"),
    "complaint.settings": _("Complaint channel settings of %(object)s changed"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "category": _("category"),
        "anonymous": _("anonymous"),
        "files": _("files"),
        "message": _("message"),
        "assigned_to": _("assigned to"),
        "excluded": _("excluded handler"),
        "count": _("count"),
        "ack_days": _("days to acknowledge"),
        "answer_days": _("days to the first answer"),
        "conclude_days": _("days to conclude"),
        "categories": _("categories the channel takes"),
        "responsible": _("responsible office"),
        "channels": _("other channels of the unit"),
        "notify_handlers": _("mail the handlers on each new case"),
    }
)
register_values("state", dict(State.choices))

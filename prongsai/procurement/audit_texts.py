"""One sentence per audit action of ``procurement/services.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Category, Method, Stage

for action, sentence in {
    "procurement.create": _("Procurement %(object)s recorded"),
    "procurement.update": _("Procurement %(object)s changed"),
    "procurement.delete": _("Procurement %(object)s removed"),
    "procurement.import": _("Procurement records imported for %(object)s"),
    "procurement.profile": _("Procurement details of %(object)s changed"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "month": _("month reported"),
        "title": _("work procured"),
        "egp_number": _("e-GP project number"),
        "budget_source": _("budget source"),
        "budget": _("budget"),
        "reference_price": _("reference price"),
        "method": _("method"),
        "supplier": _("selected supplier"),
        "agreed_price": _("agreed price"),
        "reason": _("reason for the selection"),
        "contract_number": _("contract number"),
        "contract_date": _("contract date"),
        "plan_announced": _("plan announced on"),
        "invitation_announced": _("invitation announced on"),
        "result_announced": _("result announced on"),
        "bids": _("bids"),
        "stage": _("stage"),
        "category": _("category"),
        "months": _("months"),
        "removed": _("removed"),
        "created": _("created"),
        "district": _("district"),
        "province": _("province"),
        "ministry": _("ministry"),
        "agency_type": _("agency type"),
    }
)
register_values("method", dict(Method.choices))
register_values("category", dict(Category.choices))
register_values("stage", dict(Stage.choices))

"""One sentence per audit action of custody's services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.audit_text import register_action, register_fields, register_values

from .models import Condition, Finding, PropertyClass, RoomCheck

for action, sentence in {
    "custody.settings_save": _("Custody procedures of the unit saved"),
    "custody.item_add": _("Property item %(object)s registered"),
    "custody.item_update": _("Property item %(object)s changed"),
    "custody.loan_issue": _("Loan recorded: %(object)s"),
    "custody.loan_return": _("Return recorded: %(object)s"),
    "custody.count_start": _("Property count %(object)s started"),
    "custody.count_record": _("A finding recorded in the count %(object)s"),
    "custody.count_unexpected": _("An item not in the register found in the count %(object)s"),
    "custody.count_resolve": _("A discrepancy of the count %(object)s resolved"),
    "custody.count_close": _("Property count %(object)s closed"),
    "custody.evidence_intake": _("Seized evidence %(object)s received into the register"),
    "custody.evidence_transfer": _("Custody of seized evidence %(object)s transferred"),
    "custody.evidence_examination": _("Seized evidence %(object)s examined"),
    "custody.evidence_return": _("Seized evidence %(object)s returned to its owner"),
    "custody.evidence_disposal": _("Seized evidence %(object)s disposed of"),
    "custody.evidence_correction": _("A correction recorded on seized evidence %(object)s"),
    "custody.evidence_read": _("The register of seized evidence read: %(object)s"),
    "custody.reconciliation_start": _("Evidence room reconciliation %(object)s started"),
    "custody.reconciliation_check": _("An item checked in the reconciliation %(object)s"),
    "custody.reconciliation_unexpected": _(
        "An item not in store found in the reconciliation %(object)s"
    ),
    "custody.reconciliation_close": _("Evidence room reconciliation %(object)s closed"),
}.items():
    register_action(action, sentence)

register_fields(
    {
        "item_class": _("class"),
        "identifier": _("identifier"),
        "name": _("name"),
        "serial_number": _("serial number"),
        "location": _("location"),
        "custodian": _("custodian"),
        "condition": _("condition"),
        "acquired_on": _("acquired on"),
        "notes": _("notes"),
        "item": _("item"),
        "borrower": _("borrower"),
        "approver": _("approved by"),
        "issued_on": _("issued on"),
        "due_on": _("due back"),
        "returned_on": _("returned on"),
        "title": _("title"),
        "finding": _("finding"),
        "found_location": _("found at"),
        "resolution": _("resolution"),
        "discrepancies": _("discrepancies"),
        "entry_hash": _("record hash"),
        "register_seq": _("register record"),
        "number": _("evidence number"),
        "photos": _("photos"),
        "read": _("what was read"),
        "held_on": _("held on"),
        "check": _("check"),
        "seal_seen": _("seal seen"),
        "expected": _("expected"),
        "present": _("present"),
        "missing": _("missing"),
        "seal_broken": _("seal broken"),
        "unexpected": _("unexpected"),
        "count_interval_months": _("count every (months)"),
        "loan_days": _("longest loan (days)"),
        "loan_approver": _("who approves loans"),
        "evidence_room": _("evidence room"),
        "property_rules": _("rules for government property"),
        "loan_procedure": _("borrowing and issue procedure"),
        "evidence_procedure": _("custody procedure for seized evidence"),
    }
)
register_values("item_class", dict(PropertyClass.choices))
register_values("condition", dict(Condition.choices))
register_values("finding", dict(Finding.choices))
register_values("check", dict(RoomCheck.choices))
register_values("read", {"list": _("the list"), "item": _("one item"), "photo": _("a photo")})

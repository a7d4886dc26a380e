"""Forms of the custody pages (the services check everything again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.measures.forms import MultiplePhotoField

from .models import Condition, EntryKind, Finding, PropertyClass
from .state import CORRECTABLE, FIELD_LABELS

PHOTO_HELP = _("PNG, JPEG or WebP; several at once. Location data is removed.")


def _today() -> Any:
    return timezone.localdate()


class SettingsForm(forms.Form):
    count_interval_months = forms.IntegerField(
        label=_("count every (months)"), min_value=1, max_value=24
    )
    loan_days = forms.IntegerField(label=_("longest loan (days)"), min_value=1, max_value=365)
    loan_approver = forms.CharField(label=_("who approves loans"), max_length=200)
    evidence_room = forms.CharField(label=_("evidence room"), max_length=300)
    property_rules = forms.CharField(
        label=_("rules for government property"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("One rule per line."),
    )
    loan_procedure = forms.CharField(
        label=_("borrowing and issue procedure"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("One step per line."),
    )
    evidence_procedure = forms.CharField(
        label=_("custody procedure for seized evidence"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("One step per line."),
    )


class PropertyItemForm(forms.Form):
    item_class = forms.ChoiceField(label=_("Class"), choices=PropertyClass.choices)
    identifier = forms.CharField(label=_("Identifier (asset number)"), max_length=100)
    name = forms.CharField(label=_("Name"), max_length=300)
    serial_number = forms.CharField(label=_("Serial number"), max_length=100, required=False)
    location = forms.CharField(label=_("Location"), max_length=200)
    custodian = forms.CharField(label=_("Custodian"), max_length=200)
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    acquired_on = forms.DateField(label=_("Acquired on"), required=False)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class LoanForm(forms.Form):
    borrower = forms.CharField(label=_("Borrower"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), max_length=500)
    approver = forms.CharField(label=_("Approved by"), max_length=200)
    issued_on = forms.DateField(label=_("Issued on"), initial=_today)
    due_on = forms.DateField(label=_("Due back"))


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), initial=_today)
    condition = forms.ChoiceField(label=_("Condition on return"), choices=Condition.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CountStartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    item_class = forms.ChoiceField(
        label=_("Class"),
        choices=[("", _("All classes")), *PropertyClass.choices],
        required=False,
    )
    started_on = forms.DateField(label=_("Started on"), initial=_today)
    counted_by = forms.CharField(label=_("Counted by"), max_length=300)


class CountRecordForm(forms.Form):
    line = forms.UUIDField(widget=forms.HiddenInput)
    finding = forms.ChoiceField(
        label=_("Finding"), choices=[c for c in Finding.choices if c[0] != Finding.UNEXPECTED]
    )
    found_location = forms.CharField(label=_("Found at"), max_length=200, required=False)
    found_condition = forms.ChoiceField(
        label=_("Condition found"), choices=[("", "—"), *Condition.choices], required=False
    )


class CountUnexpectedForm(forms.Form):
    description = forms.CharField(label=_("What was found"), max_length=300)
    found_location = forms.CharField(label=_("Found at"), max_length=200)


class ResolveForm(forms.Form):
    line = forms.UUIDField(widget=forms.HiddenInput)
    resolution = forms.CharField(
        label=_("Resolution (the reason)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class IntakeForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=100)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    quantity = forms.CharField(label=_("Quantity"), max_length=100)
    seal_number = forms.CharField(label=_("Seal number"), max_length=100)
    storage_place = forms.CharField(label=_("Storage place"), max_length=200)
    received_by = forms.CharField(label=_("Received by"), max_length=200)
    received_from = forms.CharField(label=_("Received from"), max_length=200, required=False)
    occurred_on = forms.DateField(label=_("Received on"), initial=_today)
    photos = MultiplePhotoField(label=_("Photos"), required=False, help_text=PHOTO_HELP)


class TransferForm(forms.Form):
    from_holder = forms.CharField(label=_("From"), max_length=200)
    to_holder = forms.CharField(label=_("To"), max_length=200)
    reason = forms.CharField(label=_("Why"), max_length=500)
    seal_intact = forms.TypedChoiceField(
        label=_("Seal intact at the hand-over?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    seal_number = forms.CharField(
        label=_("New seal number (if resealed)"), max_length=100, required=False
    )
    storage_place = forms.CharField(
        label=_("Storage place (if it goes into the evidence room)"),
        max_length=200,
        required=False,
    )
    occurred_on = forms.DateField(label=_("Date"), initial=_today)
    photos = MultiplePhotoField(label=_("Photos"), required=False, help_text=PHOTO_HELP)


class ExaminationForm(forms.Form):
    examiner = forms.CharField(label=_("Examined by"), max_length=200)
    result = forms.CharField(
        label=_("Result"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    order_reference = forms.CharField(label=_("Order or request"), max_length=200, required=False)
    seal_number = forms.CharField(
        label=_("New seal number (if resealed)"), max_length=100, required=False
    )
    occurred_on = forms.DateField(label=_("Date"), initial=_today)
    photos = MultiplePhotoField(label=_("Photos"), required=False, help_text=PHOTO_HELP)


class ReleaseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happens"),
        choices=[(EntryKind.RETURN, _("Return to the owner")), (EntryKind.DISPOSAL, _("Disposal"))],
        widget=forms.RadioSelect,
    )
    order_reference = forms.CharField(label=_("Authorising order"), max_length=200)
    order_date = forms.DateField(label=_("Date of the order"))
    recipient = forms.CharField(label=_("Returned to"), max_length=200, required=False)
    method = forms.CharField(label=_("How it is disposed of"), max_length=300, required=False)
    occurred_on = forms.DateField(label=_("Date"), initial=_today)
    photos = MultiplePhotoField(label=_("Photos"), required=False, help_text=PHOTO_HELP)


def _correctable_fields() -> list[tuple[str, Any]]:
    names: list[str] = []
    for fields in CORRECTABLE.values():
        names += [name for name in fields if name not in names]
    return [(name, FIELD_LABELS[name]) for name in names]


class CorrectionForm(forms.Form):
    entry = forms.UUIDField(widget=forms.HiddenInput)
    field = forms.ChoiceField(label=_("Field to correct"), choices=_correctable_fields)
    value = forms.CharField(label=_("Right value"), max_length=2000)
    reason = forms.CharField(label=_("Why"), max_length=500)


class ReconciliationStartForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), initial=_today)
    counted_by = forms.CharField(label=_("Counted by"), max_length=300)


class RoomCheckForm(forms.Form):
    line = forms.UUIDField(widget=forms.HiddenInput)
    present = forms.TypedChoiceField(
        label=_("In the room?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    seal_seen = forms.CharField(label=_("Seal number read"), max_length=100, required=False)
    seal_broken = forms.BooleanField(label=_("The seal is broken"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class RoomUnexpectedForm(forms.Form):
    description = forms.CharField(label=_("What was found"), max_length=500)
    seal_seen = forms.CharField(label=_("Seal number read"), max_length=100, required=False)


class PeriodForm(forms.Form):
    """Which O22 document to make and publish (the period is the publication's)."""

    document = forms.ChoiceField(
        label=_("Document"),
        choices=[("system", _("System description")), ("practice", _("Practice report"))],
    )

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai_dates import parse_thai_date

from .files import MAX_FILES
from .models import Category, Outcome


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to MAX_FILES files; each is checked by the upload rules in the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        if len(items) > MAX_FILES:
            raise ValidationError(
                _("At most %(count)s files can be attached.") % {"count": MAX_FILES}
            )
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _read_date(text: str) -> dt.date:
    parts = text.strip().split("/")
    if len(parts) == 3 and all(p.strip().isdigit() and len(p.strip()) <= 4 for p in parts):
        day, month, year = (int(p) for p in parts)
        if year > 2400:  # Buddhist era
            year -= 543
        return dt.date(year, month, day)
    return parse_thai_date(text)


class DateText(forms.CharField):
    """A date typed as 25/01/2567 (Buddhist era) or picked (2024-01-25); optional."""

    def clean(self, value: Any) -> dt.date | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            day = _read_date(text)
        except ValueError as exc:
            raise ValidationError(_("Write the date as day/month/year, e.g. 25/01/2567.")) from exc
        if day > timezone.localdate():
            raise ValidationError(_("The date is in the future."))
        if day.year < 1900:
            raise ValidationError(_("Write the date as day/month/year, e.g. 25/01/2567."))
        return day


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What is the complaint about?"), choices=Category.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe what happened, step by step. Do not write your name here if you "
            "want to stay anonymous."
        ),
    )
    happened_on = DateText(label=_("When (day/month/year)"), required=False, max_length=20)
    place = forms.CharField(label=_("Where"), required=False, max_length=300)
    officers = forms.CharField(
        label=_("Officers involved (names, positions, if known)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Attachments (optional, at most 5: PDF, pictures, Word, Excel)"),
    )
    anonymous = forms.ChoiceField(
        label=_("Your identity"),
        choices=[
            ("yes", _("Stay anonymous (you can follow the case with the receipt code)")),
            ("no", _("Give my name and contact (only the unit's identity custodian sees them)")),
        ],
        initial="yes",
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    contact = forms.CharField(label=_("Telephone or e-mail"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous") == "no":
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Write your name, or choose to stay anonymous."))
            if not (data.get("contact") or "").strip():
                self.add_error("contact", _("Write how to contact you, or stay anonymous."))
        return data


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code (16 digits)"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(label=_("Add files (optional)"))  # type: ignore[assignment]


class IdentityForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    contact = forms.CharField(label=_("Telephone or e-mail"), max_length=200)


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))
    internal = forms.BooleanField(
        label=_("Internal note (the complainant never sees it)"), required=False
    )


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    conclusion = forms.CharField(
        label=_("Conclusion (shown to the complainant)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    referred_to = forms.CharField(
        label=_("Referred to (e.g. NACC, PACC)"), required=False, max_length=200
    )
    referral_reference = forms.CharField(
        label=_("Referral reference"), required=False, max_length=100
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.REFERRED and not (data.get("referred_to") or "").strip():
            self.add_error(
                "referred_to", _("Name the agency the case was referred to (e.g. NACC or PACC).")
            )
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class HandlerChoiceForm(forms.Form):
    handler = forms.ChoiceField(label=_("Handler"), required=False)

    def __init__(self, *args: Any, handlers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("(nobody)")), *handlers]


class ChannelSettingsForm(forms.Form):
    """The unit's complaint channel: deadlines, categories, who is responsible, other channels,
    handlers' mail on a new case."""

    ack_days = forms.IntegerField(label=_("Acknowledge within (days)"), min_value=1, max_value=365)
    answer_days = forms.IntegerField(
        label=_("First answer within (days)"), min_value=1, max_value=365
    )
    conclude_days = forms.IntegerField(
        label=_("Conclude within (days)"), min_value=1, max_value=365
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories the channel takes"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible = forms.CharField(
        label=_("Responsible office"),
        required=False,
        max_length=300,
        help_text=_("Shown on the public guideline page, e.g. the unit's administration section."),
    )
    channels = forms.CharField(
        label=_("Other channels of the unit"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. a telephone number, a LINE account or a post address."),
    )
    notify_handlers = forms.BooleanField(
        label=_("Mail the handlers when a new complaint arrives (the reference and a link only)"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ack, answer, conclude = (data.get(k) for k in ("ack_days", "answer_days", "conclude_days"))
        if None not in (ack, answer, conclude) and not ack <= answer <= conclude:  # type: ignore[operator]
            raise ValidationError(
                _("The days must be in order: acknowledge, then first answer, then conclude.")
            )
        return data

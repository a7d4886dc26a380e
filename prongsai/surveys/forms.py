"""Forms of the unit admin's survey screens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .importing import MAX_FILE_BYTES
from .models import Campaign
from .services.codes import MAX_BATCH


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["opens_on", "closes_on", "target_override", "target_override_reason"]
        widgets = {
            "target_override_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "target_override": _(
                "Leave empty to use the framework's rule (from the headcount). An override is "
                "recorded in the audit log with its reason."
            ),
        }


class CodeBatchForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=MAX_BATCH,
        help_text=_("One per staff member who should answer. Codes carry no names."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "One row per paper form, one column per question or sub-item id (e.g. e1, i1.1), "
            "answers as the scale's values or labels."
        ),
    )
    day = forms.DateField(
        label=_("Day the forms were filled"),
        required=False,
        help_text=_("Used for rows without a date column. Empty: today."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES >> 20}
            )
        return upload

    def clean_day(self) -> Any:
        day = self.cleaned_data.get("day")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day

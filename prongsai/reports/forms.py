"""The report settings form: the working-group order, the briefing, the areas, the signers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportSettings

ROUND_CHOICES = [
    (6, _("6-month report (to 31 March)")),
    (12, _("12-month report (whole fiscal year)")),
]
FORMAT_CHOICES = [("pdf", "PDF"), ("docx", "Word (DOCX)")]


class ReportSettingsForm(forms.ModelForm):
    class Meta:
        model = ReportSettings
        fields = [
            "order_number",
            "order_date",
            "briefing_date",
            "briefing_text",
            "publication",
            "reporter_rank",
            "reporter_name",
            "reporter_position",
            "reviewer_rank",
            "reviewer_name",
            "reviewer_position",
        ]
        widgets = {
            "briefing_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "order_number": _("As printed on the order, e.g. “๕/๒๕๖๗”."),
            "publication": _("E.g. “เพจเฟซบุ๊ก Kalasin Immigration”; leave empty to omit."),
        }


class AreaForm(forms.Form):
    title = forms.CharField(label=_("Area"), max_length=400, required=False)
    owner = forms.CharField(label=_("Owner"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("owner", "").strip() and not data.get("title", "").strip():
            self.add_error("title", _("Every area needs a title."))
        return data


AreaFormSet = forms.formset_factory(AreaForm, extra=1, max_num=12)


class DownloadForm(forms.Form):
    round = forms.TypedChoiceField(label=_("Round"), choices=ROUND_CHOICES, coerce=int, initial=6)
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="pdf")
    thai_digits = forms.BooleanField(label=_("Thai digits (๑ ๒ ๓)"), required=False)

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

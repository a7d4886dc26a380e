from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class AskForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to send?"),
        choices=Kind.choices,
        initial=Kind.QUESTION,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Your name (optional, shown with a published question)"),
        required=False,
        max_length=200,
    )
    body = forms.CharField(
        label=_("Your question or feedback"), widget=forms.Textarea(attrs={"rows": 5})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for not publishing"), max_length=300)


class FaqForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=500)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=10_000, initial=0)

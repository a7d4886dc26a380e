from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RunForm(forms.Form):
    """Check one item (its code) or, left empty, every item."""

    item = forms.CharField(label=_("item"), max_length=40, required=False)
    back = forms.ChoiceField(
        label=_("page to return to"),
        choices=[("overview", _("all items")), ("item", _("the item"))],
        required=False,
    )

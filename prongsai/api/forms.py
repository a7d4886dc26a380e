from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.organizations.models import Unit
from prongsai.organizations.selectors import units_visible_to

from .models import Scope
from .services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “bureau dashboard”."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.READ)
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=90
    )
    unit = forms.ModelChoiceField(
        label=_("Only inside this unit's subtree"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Every unit I may see"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible_to(user)  # type: ignore[attr-defined]

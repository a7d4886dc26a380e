from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Unit


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "name_th",
            "name_en",
            "short_name_th",
            "kind",
            "website",
            "phone",
            "email",
            "address",
            "require_head_approval",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": _("Kind of unit")}


class ChildUnitForm(UnitForm):
    slug = forms.SlugField(
        label=_("Short web name (slug)"),
        max_length=60,
        help_text=_("Letters, digits and hyphens; used in the unit's addresses."),
    )

    class Meta(UnitForm.Meta):
        fields = ["slug", *UnitForm.Meta.fields]

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if Unit.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another unit already uses this web name."))
        return slug


class MemberInviteForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"))
    rank = forms.CharField(label=_("Rank"), max_length=60, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)

    def __init__(self, *args: Any, role_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        """``role_choices``: only the roles this admin may grant in this unit (duties.py)."""
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = role_choices

"""Structured fields of the unit's site (never free HTML)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.form_fields import ThaiDateInput
from prongsai.core.text import TextLength

from .models import Category, Executive, Law, NewsPost, Policy, SiteProfile

_PICTURE_HELP = _("PNG, JPEG or WebP; it is re-encoded without its metadata.")


class _Picture(forms.Form):
    picture = forms.ImageField(label=_("Picture"), required=False, help_text=_PICTURE_HELP)
    picture_alt = forms.CharField(label=_("What the picture shows"), max_length=300, required=False)


class HomeForm(forms.ModelForm, _Picture):
    class Meta:
        model = SiteProfile
        fields = ["head_name", "head_position", "head_message"]
        widgets = {"head_message": forms.Textarea(attrs={"rows": 6})}


class LogoForm(forms.Form):
    picture = forms.ImageField(label=_("Logo"), help_text=_PICTURE_HELP)
    picture_alt = forms.CharField(label=_("What the picture shows"), max_length=300, required=False)


class StructureForm(forms.ModelForm):
    class Meta:
        model = SiteProfile
        fields = ["staff_summary"]
        widgets = {"staff_summary": forms.Textarea(attrs={"rows": 4})}


class AuthorityForm(forms.ModelForm, _Picture):
    class Meta:
        model = SiteProfile
        fields = ["authority", "duties", "area"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ["authority", "duties", "area"]}


class ContactForm(forms.ModelForm):
    class Meta:
        model = SiteProfile
        fields = ["address", "phone", "email", "line_oa", "facebook", "hours"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class ExecutiveForm(forms.ModelForm):
    photo = forms.ImageField(label=_("Photo"), required=False, help_text=_PICTURE_HELP)

    class Meta:
        model = Executive
        fields = ["name", "position", "level", "phone"]

    def clean_level(self) -> int:
        level = int(self.cleaned_data["level"])
        if not 1 <= level <= 5:
            raise forms.ValidationError(_("The level is from 1 (the head) to 5."))
        return level


class LawForm(forms.ModelForm):
    class Meta:
        model = Law
        fields = ["title", "url"]


class NewsForm(forms.ModelForm):
    photo = forms.ImageField(label=_("Photo"), required=False, help_text=_PICTURE_HELP)
    photo_alt = forms.CharField(label=_("What the photo shows"), max_length=300, required=False)
    items = forms.CharField(
        label=_("Also evidence of the OIT items"),
        required=False,
        max_length=200,
        help_text=_("Item codes separated by commas, e.g. O10, O23."),
    )

    class Meta:
        model = NewsPost
        fields = ["title", "summary", "body", "category", "published_on", "is_published"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "published_on": ThaiDateInput(),
            "category": forms.Select(choices=Category.choices),
        }

    def item_codes(self) -> list[str]:
        return [c for c in (self.cleaned_data.get("items") or "").replace(" ", ",").split(",") if c]


class HostForm(forms.Form):
    host = forms.CharField(
        label=_("Host name"), max_length=253, help_text=_("e.g. www.kalasin-immigration.go.th")
    )


class NoGiftForm(forms.ModelForm):
    signature_picture = forms.ImageField(
        label=_("Signature (picture)"), required=False, help_text=_PICTURE_HELP
    )

    class Meta:
        model = Policy
        fields = [
            "title_th",
            "title_en",
            "text_th",
            "text_en",
            "signed_by",
            "signer_position",
            "signed_on",
        ]
        widgets = {
            "text_th": forms.Textarea(attrs={"rows": 8}),
            "text_en": forms.Textarea(attrs={"rows": 8, "lang": "en"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "signed_on": ThaiDateInput(),
        }


class EthicsForm(forms.ModelForm):
    rules_text = forms.CharField(
        label=_("Do and don't per role"),
        required=False,
        max_length=TextLength.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "One block per role: a line '# role', then lines starting with '+ ' (do) "
            "or '- ' (don't)."
        ),
    )

    class Meta:
        model = Policy
        fields = ["title_th", "title_en", "text_th", "signed_by", "signer_position", "signed_on"]
        widgets = {
            "text_th": forms.Textarea(attrs={"rows": 5}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "signed_on": ThaiDateInput(),
        }

    def rules(self) -> list[dict[str, object]]:
        return parse_rules(self.cleaned_data.get("rules_text") or "")


def parse_rules(text: str) -> list[dict[str, object]]:
    rules: list[dict[str, object]] = []
    current: dict[str, list[str] | str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            current = {"role": line.lstrip("#").strip(), "do": [], "dont": []}
            rules.append(current)  # type: ignore[arg-type]
        elif current is not None and line[:2] in ("+ ", "- "):
            key = "do" if line[0] == "+" else "dont"
            current[key].append(line[2:].strip())  # type: ignore[union-attr]
    return rules


def rules_text(rules: list[dict[str, object]]) -> str:
    lines: list[str] = []
    for rule in rules:
        lines.append(f"# {rule.get('role', '')}")
        lines += [f"+ {d}" for d in rule.get("do", [])]  # type: ignore[attr-defined]
        lines += [f"- {d}" for d in rule.get("dont", [])]  # type: ignore[attr-defined]
    return "\n".join(lines)

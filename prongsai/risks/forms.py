"""Forms of the risk register's pages. Choices of likelihood and impact come from the register's
scheme (data), never from code."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from prongsai.measures.forms import MultiplePhotoField

from . import library
from .models import Register, RiskType, Round, Status
from .schemes import Scheme, scheme_from_data

User = get_user_model()


def _rating_choices(levels: Any, *, blank: bool = False) -> list[tuple[Any, str]]:
    choices: list[tuple[Any, str]] = [("", "–")] if blank else []
    choices += [(lv.value, f"{lv.value} – {lv.th}") for lv in levels]
    return choices


class StartForm(forms.Form):
    """Open the year's register: empty, from a starter template, or from last year's."""

    start = forms.ChoiceField(label=_("Start from"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, can_copy: bool, previous_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("empty", _("An empty register"))]
        for template in library.templates():
            choices.append(
                (
                    f"template:{template.key}",
                    _("Starter set: %(name)s") % {"name": template.title_th},
                )
            )
        if can_copy:
            choices.append(
                ("copy", _("Last year's register (FY %(year)s)") % {"year": previous_year})
            )
        field = self.fields["start"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        self.initial.setdefault("start", "copy" if can_copy else "empty")


class ProcessForm(forms.Form):
    name = forms.CharField(label=_("Process"), max_length=300)
    section = forms.CharField(label=_("Section"), max_length=200, required=False)
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )
    authority_step = forms.CharField(
        label=_("Step where authority is used"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )


class EventForm(forms.Form):
    description = forms.CharField(
        label=_("Risk event or behaviour"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    cause = forms.CharField(
        label=_("Cause"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )
    risk_type = forms.ChoiceField(label=_("Risk type"), choices=RiskType.choices)
    controls = forms.CharField(
        label=_("Existing controls"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )
    likelihood = forms.TypedChoiceField(label=_("Likelihood"), coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact"), coerce=int)

    def __init__(self, *args: Any, scheme: Scheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, levels in (("likelihood", scheme.likelihood), ("impact", scheme.impact)):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = _rating_choices(levels)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class TreatmentForm(forms.Form):
    measure = forms.CharField(
        label=_("Measure"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    owner_position = forms.CharField(
        label=_("Responsible position"), max_length=300, required=False
    )
    owner_user = MemberChoiceField(
        label=_("Responsible user"), queryset=User.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), required=False)
    kpi = forms.CharField(label=_("Indicator (KPI)"), max_length=500, required=False)

    def __init__(self, *args: Any, register: Register, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(memberships__unit_id=register.assessment.unit_id)
            .distinct()
            .order_by("first_name", "username")
        )


class FollowUpForm(forms.Form):
    round = forms.TypedChoiceField(label=_("Round"), choices=Round.choices, coerce=int)
    date = forms.DateField(label=_("Date"))
    done = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    result = forms.CharField(
        label=_("Result"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )
    status = forms.ChoiceField(
        label=_("Status of the treatment after this"), choices=Status.choices
    )
    residual_likelihood = forms.TypedChoiceField(
        label=_("Residual likelihood"), coerce=int, required=False, empty_value=None
    )
    residual_impact = forms.TypedChoiceField(
        label=_("Residual impact"), coerce=int, required=False, empty_value=None
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("PNG, JPEG or WebP; several at once. Location data is removed."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address per line."),
        max_length=5000,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, scheme: Scheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, levels in (
            ("residual_likelihood", scheme.likelihood),
            ("residual_impact", scheme.impact),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = _rating_choices(levels, blank=True)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def clean_links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Register file (.xlsx)"),
        help_text=_("An Excel file exported from this page, or one with the same columns."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace the whole register (processes, events, treatments and follow-ups)"),
        required=False,
    )


def scheme_of(register: Register) -> Scheme:
    return scheme_from_data(register.scheme)

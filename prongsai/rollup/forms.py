"""The overview's filter form (GET: a bookmarkable address)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.models import Assessment
from prongsai.frameworks.models import Framework
from prongsai.organizations.models import Unit

from .selectors import behind_choices, sort_choices


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=200)
    level = forms.TypedChoiceField(label=_("Level"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Assessment"), required=False)
    behind = forms.ChoiceField(label=_("Behind on"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(
        self, *args: Any, levels: Sequence[int], kinds: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        kind_labels = dict(Unit.Kind.choices)
        self._choices(
            "level",
            [("", _("Every level")), *[(str(n), _level_label(n)) for n in levels]],
        )
        self._choices("kind", [("", _("Every kind")), *[(k, kind_labels.get(k, k)) for k in kinds]])
        self._choices(
            "status",
            [
                ("", _("Any status")),
                ("none", _("No assessment for the year")),
                *Assessment.Status.choices,
            ],
        )
        self._choices("behind", [("", _("Anything")), *behind_choices()])
        self._choices("sort", sort_choices())

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def filters(self) -> dict[str, Any]:
        """The cleaned filters, or none at all when the form is not valid."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "level": data.get("level"),
            "kind": data.get("kind") or "",
            "status": data.get("status") or "",
            "behind": data.get("behind") or "",
        }

    def sort_key(self) -> str:
        if not self.is_bound or not self.is_valid():
            return "name"
        return str(self.cleaned_data.get("sort") or "name")


def _level_label(level: int) -> Any:
    if level == 0:
        return _("This unit")
    return _("Level %(n)s below") % {"n": level}


class OpenYearForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    leaves_only = forms.BooleanField(
        label=_("Only units without units below (offices, checkpoints)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, frameworks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = frameworks


class EvaluatorAssignForm(forms.Form):
    username = forms.CharField(label=_("Evaluator's user name"), max_length=150)
    units = forms.MultipleChoiceField(
        label=_("Units"), widget=forms.SelectMultiple(attrs={"size": 10})
    )

    def __init__(self, *args: Any, units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units = {u.slug: u for u in units}
        field = self.fields["units"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(u.slug, f"{'  ' * u.depth}{u.name}") for u in units]

    def clean_username(self) -> Any:
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active account has this user name."))
        return user

    def chosen_units(self) -> list[Unit]:
        return [self._units[slug] for slug in self.cleaned_data["units"]]


class ReminderForm(forms.Form):
    topic = forms.ChoiceField(label=_("Remind the units behind on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["topic"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = behind_choices()

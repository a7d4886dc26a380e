"""The overview's filter form (GET: a bookmarkable address)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.models import Assessment
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

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.frameworks.models import Framework

from .models import Assessment


def _framework_label(framework: Framework) -> str:
    label = f"{framework.title_th} ({framework.code} v{framework.version})"
    if framework.is_provisional:
        label += " · " + gettext("provisional")
    return label


class AssessmentOpenForm(forms.Form):
    """The fiscal year and the framework are chosen separately; a framework written for another
    year needs a confirmation (its texts are that year's; its data periods move)."""

    year = forms.TypedChoiceField(label=_("Fiscal year (B.E.)"), coerce=int, choices=())
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    confirm_other_year = forms.BooleanField(
        label=_("Use this framework for this fiscal year anyway"), required=False
    )
    headcount_internal = forms.IntegerField(
        label=_("Internal staff (IIT population)"), min_value=0, required=False
    )
    headcount_external = forms.IntegerField(
        label=_("External service users this year (EIT population)"), min_value=0, required=False
    )

    def __init__(
        self,
        *args: Any,
        frameworks: QuerySet[Framework],
        years: Sequence[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(y, str(y)) for y in years]
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = frameworks
        field.label_from_instance = _framework_label  # type: ignore[method-assign,assignment]
        field.help_text = _(
            "Any loaded framework can be used for any year: e.g. the 2569 framework for 2570 "
            "until the 2570 framework is published."
        )
        if not self._years_differ():
            # Asked for only once the chosen year and framework differ (after a first try).
            self.fields["confirm_other_year"].widget = forms.HiddenInput()

    def _years_differ(self) -> bool:
        if not self.is_bound:
            return False
        try:
            year = int(self.data.get("year", ""))
        except (TypeError, ValueError):
            return False
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None
        try:
            chosen = field.queryset.filter(pk=self.data.get("framework") or None).first()
        except (ValueError, ValidationError):  # not a valid id: the field reports it
            return False
        return chosen is not None and chosen.year != year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        framework, year = data.get("framework"), data.get("year")
        differs = framework is not None and year is not None and framework.year != year
        if differs and not data.get("confirm_other_year"):
            assert framework is not None
            self.add_error(
                "confirm_other_year",
                _(
                    "This framework was written for fiscal year %(framework_year)s, not "
                    "%(year)s: its items, criteria and questions are those of "
                    "%(framework_year)s, and its data periods move to %(year)s. Tick the box "
                    "to open it anyway."
                )
                % {"framework_year": framework.year, "year": year},
            )
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "framework": data["framework"],
            "year": data["year"],
            "headcount_internal": data["headcount_internal"],
            "headcount_external": data["headcount_external"],
        }


class AssessmentSettingsForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["status", "headcount_internal", "headcount_external"]
        labels = {"status": _("Stage of the assessment")}

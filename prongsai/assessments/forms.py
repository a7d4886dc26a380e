from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from prongsai.frameworks.models import Framework

from .models import Assessment


def _framework_label(framework: Framework) -> str:
    return f"{framework.title_th} ({framework.code} v{framework.version})"


class AssessmentOpenForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    headcount_internal = forms.IntegerField(
        label=_("Internal staff (IIT population)"), min_value=0, required=False
    )
    headcount_external = forms.IntegerField(
        label=_("External service users this year (EIT population)"), min_value=0, required=False
    )

    def __init__(self, *args: object, frameworks: QuerySet[Framework], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = frameworks
        field.label_from_instance = _framework_label  # type: ignore[method-assign,assignment]


class AssessmentSettingsForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["status", "headcount_internal", "headcount_external"]

"""Forms of the records pages: an operations entry (with photos), a statistics series and a
month's values, a budget line and a month's spending, a fund quarter, the due day, an import,
publishing a period."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from prongsai.measures.forms import MultiplePhotoField

from .models import BudgetLine, StatSeries
from .periods import QUARTERS, fiscal_months, month_label, quarter_label

AMOUNT = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class EntryForm(forms.Form):
    month = forms.ChoiceField(label=_("Month"))
    work_area = forms.CharField(label=_("Work area"), max_length=300)
    activity = forms.CharField(label=_("Project / activity"), max_length=500)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    period = forms.CharField(label=_("Period"), required=False, max_length=200)
    section = forms.CharField(label=_("Responsible section"), required=False, max_length=300)
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("PNG, JPEG or WebP; several at once. Location data is removed."),
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["month"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m, month_label(m)) for m in fiscal_months(year)]


class SeriesForm(forms.Form):
    name = forms.CharField(label=_("Series"), max_length=200)
    category = forms.CharField(label=_("Category"), required=False, max_length=200)
    measure = forms.CharField(label=_("Unit of measure"), required=False, max_length=60)


class ValuesForm(forms.Form):
    """One number per series for one month (empty: no figure for the month)."""

    def __init__(self, *args: Any, stat_series: list[StatSeries], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series = stat_series
        for item in stat_series:
            label = f"{item.name} ({item.measure})" if item.measure else item.name
            self.fields[f"s-{item.pk}"] = forms.DecimalField(label=label, required=False, **AMOUNT)  # type: ignore[arg-type]

    def values(self) -> dict[str, Decimal | None]:
        return {str(s.pk): self.cleaned_data.get(f"s-{s.pk}") for s in self.series}


class BudgetLineForm(forms.Form):
    name = forms.CharField(label=_("Budget line"), max_length=300)
    category = forms.CharField(label=_("Budget category"), required=False, max_length=200)
    planned = forms.DecimalField(label=_("Planned for the year"), **AMOUNT)  # type: ignore[arg-type]


class BudgetMonthForm(forms.Form):
    def __init__(self, *args: Any, budget_lines: list[BudgetLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = budget_lines
        for line in budget_lines:
            self.fields[f"p-{line.pk}"] = forms.DecimalField(
                label=f"{line.name}: {_('Planned')}",
                required=False,
                **AMOUNT,  # type: ignore[arg-type]
            )
            self.fields[f"s-{line.pk}"] = forms.DecimalField(
                label=f"{line.name}: {_('Spent')}",
                required=False,
                **AMOUNT,  # type: ignore[arg-type]
            )

    def values(self) -> dict[str, tuple[Decimal, Decimal]]:
        zero = Decimal(0)
        return {
            str(line.pk): (
                self.cleaned_data.get(f"p-{line.pk}") or zero,
                self.cleaned_data.get(f"s-{line.pk}") or zero,
            )
            for line in self.lines
        }


class FundForm(forms.Form):
    quarter = forms.ChoiceField(
        label=_("Quarter"), choices=[(q, quarter_label(q)) for q in QUARTERS]
    )
    allocated = forms.DecimalField(label=_("Allocated"), **AMOUNT)  # type: ignore[arg-type]
    spent = forms.DecimalField(label=_("Spent"), **AMOUNT)  # type: ignore[arg-type]
    cases = forms.IntegerField(label=_("Cases"), min_value=0, required=False)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecordsSettingsForm(forms.Form):
    due_day = forms.IntegerField(
        label=_("Due day of the following month"),
        min_value=1,
        max_value=28,
        help_text=_("A month's documents are due by this day of the next month."),
    )
    thai_digits = forms.BooleanField(
        label=_("Thai digits (๑ ๒ ๓) in the PDF and Word documents"),
        required=False,
        help_text=_(
            "For every record kind and procurement (O6, O10–O14), from the next publication on. "
            "The data files (CSV, XLSX, JSON, OCDS) always keep Arabic digits and numbers."
        ),
    )


class RecordImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class PublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=500,
        help_text=_("Needed when the period is already published."),
    )

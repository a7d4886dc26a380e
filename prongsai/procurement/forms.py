"""Forms of the procurement pages: one procurement with its bidders, the unit's profile, the
import's upload."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.spreadsheets.cells import CellError, parse_amount

from .models import Category, Method, Procurement, Stage
from .months import fiscal_months, month_label, month_period
from .services import FIELDS, BidLine

_AMOUNT = {"max_digits": 15, "decimal_places": 2, "min_value": Decimal(0)}


def parse_bid_lines(text: str) -> list[BidLine]:
    """``"ร้าน ก | 12,000.00"`` per line (the amount after the last ``|``)."""
    out = []
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, amount = line.rpartition("|")
        if not sep or not name.strip():
            raise forms.ValidationError(
                _("Line %(n)s: write the bidder, a “|” and the offer.") % {"n": number}
            )
        try:
            value = parse_amount(amount)
        except CellError as exc:
            raise forms.ValidationError(
                _("Line %(n)s: %(problem)s") % {"n": number, "problem": exc}
            ) from exc
        out.append(BidLine(bidder=name.strip(), amount=value))
    return out


class ProcurementForm(forms.Form):
    month = forms.TypedChoiceField(label=_("Month reported"), choices=())
    title = forms.CharField(label=_("Work procured"), max_length=500)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    egp_number = forms.CharField(label=_("e-GP project number"), max_length=40, required=False)
    budget_source = forms.CharField(label=_("Budget source"), max_length=200, required=False)
    budget = forms.DecimalField(label=_("Budget (baht)"), **_AMOUNT)  # type: ignore[arg-type]
    reference_price = forms.DecimalField(
        label=_("Reference price (baht)"),
        required=False,
        **_AMOUNT,  # type: ignore[arg-type]
    )
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    bids = forms.CharField(
        label=_("Bidders and their offers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One bidder per line: the name, a “|”, the offer, e.g. “ร้าน ก | 12,000.00”."),
    )
    supplier = forms.CharField(label=_("Selected supplier"), max_length=300, required=False)
    agreed_price = forms.DecimalField(
        label=_("Agreed price (baht)"),
        required=False,
        **_AMOUNT,  # type: ignore[arg-type]
    )
    reason = forms.CharField(
        label=_("Reason for the selection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    contract_number = forms.CharField(label=_("Contract number"), max_length=100, required=False)
    contract_date = forms.DateField(label=_("Contract date"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, initial=Stage.IN_PROGRESS)
    plan_announced = forms.DateField(label=_("Plan announced on"), required=False)
    invitation_announced = forms.DateField(label=_("Invitation announced on"), required=False)
    result_announced = forms.DateField(label=_("Result announced on"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = fiscal_months(year)
        field = self.fields["month"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(m.isoformat(), month_label(m)) for m in months]
        by_key = {m.isoformat(): m for m in months}
        field.coerce = by_key.__getitem__

    def clean_bids(self) -> list[BidLine]:
        return parse_bid_lines(self.cleaned_data.get("bids", ""))

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in FIELDS}

    @staticmethod
    def initial_from(procurement: Procurement) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(procurement, name) for name in FIELDS}
        data["month"] = procurement.month.isoformat()
        data["bids"] = "\n".join(f"{b.bidder} | {b.amount:,.2f}" for b in procurement.bids.all())
        return data


class ProfileForm(forms.Form):
    district = forms.CharField(label=_("District"), max_length=100, required=False)
    province = forms.CharField(label=_("Province"), max_length=100, required=False)
    ministry = forms.CharField(label=_("Ministry"), max_length=200, required=False)
    agency_type = forms.CharField(label=_("Agency type"), max_length=200, required=False)


class ProcurementImportForm(forms.Form):
    file = forms.FileField(
        label=_("Procurement file (.xlsx or .csv)"),
        help_text=_(
            "Monthly summaries in the สขร.1 layout (one sheet per month, or one file per month) "
            "or the police 16-field layout."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv"
            }
        ),
    )


class PublishForm(forms.Form):
    """Publish a month's (or a quarter's) procurement documents; a correction says why."""

    period = forms.ChoiceField(label=_("Period"), choices=())
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500, required=False)

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        months = [(month_period(m), month_label(m)) for m in fiscal_months(year)]
        quarters = [(f"q{n}", _("Quarter %(n)s") % {"n": n}) for n in range(1, 5)]
        field.choices = [*months, *quarters]

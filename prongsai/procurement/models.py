"""Procurement records (O13, O14): one :class:`Procurement` per purchase or hire of a unit in a
fiscal year, with its bidders (:class:`Bid`), and the unit's :class:`ProcurementProfile` (the
district, province, ministry and agency type that the police 16-field layout prints on every row).

A procurement belongs to the month it is reported in (``month``, the first day of that month):
the monthly summary (สขร.1) of a month lists the procurements of that month; a month with none
publishes "ไม่มีการจัดซื้อจัดจ้าง".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class Method(models.TextChoices):
    """วิธีซื้อหรือจ้าง (พ.ร.บ. การจัดซื้อจัดจ้างฯ 2560, มาตรา 55-56)."""

    E_BIDDING = "e_bidding", _("Electronic bidding (e-bidding)")
    E_MARKET = "e_market", _("Electronic market (e-market)")
    SELECTION = "selection", _("Selection")
    SPECIFIC = "specific", _("Specific (direct) method")


class Stage(models.TextChoices):
    """Where the procurement stands (the e-GP wording)."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("Procurement in progress")
    NOT_SIGNED = "not_signed", _("Contract not yet signed")
    IN_CONTRACT = "in_contract", _("Within the contract period")
    COMPLETED = "completed", _("Contract ended")
    CANCELLED = "cancelled", _("Cancelled")


class Category(models.TextChoices):
    GOODS = "goods", _("Goods")
    WORKS = "works", _("Works")
    SERVICES = "services", _("Services")


class Procurement(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="procurements")
    year = models.PositiveIntegerField(_("fiscal year"))  # Buddhist era
    month = models.DateField(_("month reported"))  # the first day of the month
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("work procured"), max_length=500)
    egp_number = models.CharField(_("e-GP project number"), max_length=40, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.GOODS
    )
    budget_source = models.CharField(_("budget source"), max_length=200, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=15, decimal_places=2)
    reference_price = models.DecimalField(
        _("reference price"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    supplier = models.CharField(_("selected supplier"), max_length=300, blank=True)
    agreed_price = models.DecimalField(
        _("agreed price"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("reason for the selection"), blank=True)
    contract_number = models.CharField(_("contract number"), max_length=100, blank=True)
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IN_PROGRESS
    )
    plan_announced = models.DateField(_("plan announced on"), null=True, blank=True)
    invitation_announced = models.DateField(_("invitation announced on"), null=True, blank=True)
    result_announced = models.DateField(_("result announced on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["unit", "year", "month", "position", "created_at"]
        indexes = [models.Index(fields=["unit", "year", "month"])]
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")

    def __str__(self) -> str:
        return self.title[:80]


class Bid(BaseModel):
    """A bidder and the price they offered (รายชื่อผู้เสนอราคาและราคาที่เสนอ)."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="bids")
    position = models.PositiveIntegerField(default=0)
    bidder = models.CharField(_("bidder"), max_length=300)
    amount = models.DecimalField(_("offer"), max_digits=15, decimal_places=2)

    class Meta:
        ordering = ["procurement", "position"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")

    def __str__(self) -> str:
        return f"{self.bidder} {self.amount}"


class ProcurementProfile(BaseModel):
    """What the police 16-field layout prints about the unit on every row."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="procurement_profile")
    district = models.CharField(_("district"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    ministry = models.CharField(_("ministry"), max_length=200, blank=True)
    agency_type = models.CharField(_("agency type"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("procurement profile")
        verbose_name_plural = _("procurement profiles")

    def __str__(self) -> str:
        return str(self.unit)

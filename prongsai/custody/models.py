"""Custody (O22): the unit's property register with its loans and counts, and the register of
seized evidence with its hash-chained entries and the evidence room's reconciliations.

Property items are ordinary records (changed through services, every change audited). Seized
evidence is different: an :class:`EvidenceItem` is only a number in the unit's register; every
fact about it — intake, each transfer of custody, examinations, return or disposal, corrections —
is an :class:`EvidenceEntry` that is never changed or deleted. Each entry carries the hash of the
previous entry of its item and of the previous entry of the unit's register, and its own
HMAC-SHA256 under the audit log's keys (``core.audit.keyed_digest``; see ``chain.py``), so an
edit or a deletion made behind the services' back is found by ``manage.py custody_verify``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


# --- property register -------------------------------------------------------------------------
class PropertyClass(models.TextChoices):
    GOVERNMENT = "government", _("Government property")
    WEAPONS = "weapons", _("Weapons and ammunition")
    DONATIONS = "donations", _("Donations")
    VEHICLES = "vehicles", _("Vehicles")
    OTHER = "other", _("Other")


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    WORN = "worn", _("Worn but usable")
    REPAIR = "repair", _("Needs repair")
    UNUSABLE = "unusable", _("Unusable")


class PropertyItem(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="property_items")
    item_class = models.CharField(_("class"), max_length=20, choices=PropertyClass.choices)
    identifier = models.CharField(_("identifier"), max_length=100)
    name = models.CharField(_("name"), max_length=300)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    location = models.CharField(_("location"), max_length=200)
    custodian = models.CharField(_("custodian"), max_length=200)
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.GOOD
    )
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["item_class", "identifier"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "identifier"], name="custody_item_identifier")
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.name}"


class Loan(BaseModel):
    """A property item borrowed or issued: who, when, what for, approved by whom, due back."""

    item = models.ForeignKey(PropertyItem, on_delete=models.PROTECT, related_name="loans")
    borrower = models.CharField(_("borrower"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=500)
    approver = models.CharField(_("approved by"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due back"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    return_condition = models.CharField(
        _("condition on return"), max_length=20, choices=Condition.choices, blank=True
    )
    return_note = models.CharField(_("note on return"), max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(returned_on__isnull=True),
                name="custody_one_open_loan_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.identifier} → {self.borrower}"


class CountSession(BaseModel):
    """A periodic count: the items expected (the register when the count began) against what
    was found. It closes only when every discrepancy has a resolution."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="property_counts")
    title = models.CharField(_("title"), max_length=200)
    item_class = models.CharField(
        _("class"), max_length=20, choices=PropertyClass.choices, blank=True
    )
    started_on = models.DateField(_("started on"))
    counted_by = models.CharField(_("counted by"), max_length=300)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Finding(models.TextChoices):
    FOUND = "found", _("Found as registered")
    MISSING = "missing", _("Missing")
    ELSEWHERE = "elsewhere", _("Found in another place")
    CONDITION = "condition", _("Found in another condition")
    UNEXPECTED = "unexpected", _("Found but not in the register")


class CountLine(BaseModel):
    session = models.ForeignKey(CountSession, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(
        PropertyItem, null=True, blank=True, on_delete=models.PROTECT, related_name="count_lines"
    )
    # What the register said when the count began (an unexpected find has only a description).
    expected_identifier = models.CharField(max_length=100, blank=True)
    expected_name = models.CharField(max_length=300)
    expected_location = models.CharField(max_length=200, blank=True)
    expected_condition = models.CharField(max_length=20, choices=Condition.choices, blank=True)
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)
    found_location = models.CharField(max_length=200, blank=True)
    found_condition = models.CharField(max_length=20, choices=Condition.choices, blank=True)
    resolution = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["expected_identifier", "created_at"]

    def __str__(self) -> str:
        return f"{self.expected_identifier} {self.expected_name}".strip()

    @property
    def is_discrepancy(self) -> bool:
        return bool(self.finding) and self.finding != Finding.FOUND

    @property
    def is_unresolved(self) -> bool:
        return self.is_discrepancy and self.resolved_at is None


# --- seized evidence -----------------------------------------------------------------------------
class EvidenceItem(BaseModel):
    """A number in the unit's register of seized evidence; what it is lives in its entries."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="evidence_items")
    number = models.PositiveIntegerField()

    class Meta:
        ordering = ["unit", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="custody_evidence_number")
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class EntryKind(models.TextChoices):
    INTAKE = "intake", _("Intake")
    TRANSFER = "transfer", _("Transfer of custody")
    EXAMINATION = "examination", _("Examination")
    RETURN = "return", _("Returned to the owner")
    DISPOSAL = "disposal", _("Disposed of")
    CORRECTION = "correction", _("Correction")


class EvidenceEntry(BaseModel):
    """One fact about a piece of evidence, appended and never changed (see chain.py)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="evidence_entries")
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="entries")
    register_seq = models.PositiveIntegerField()  # 1, 2, … in the unit's register
    item_seq = models.PositiveIntegerField()  # 1, 2, … among the item's entries
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    occurred_on = models.DateField()
    recorded_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    prev_item_hash = models.CharField(max_length=64)
    prev_register_hash = models.CharField(max_length=64)
    key_id = models.PositiveSmallIntegerField()
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["unit", "register_seq"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "register_seq"], name="custody_register_seq"),
            models.UniqueConstraint(fields=["item", "item_seq"], name="custody_item_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} #{self.register_seq} ({self.kind})"


class RegisterHead(models.Model):
    """The last entry of a unit's evidence register (its number and hash)."""

    unit = models.OneToOneField(
        Unit, on_delete=models.PROTECT, primary_key=True, related_name="evidence_head"
    )
    seq = models.PositiveIntegerField(default=0)
    hash = models.CharField(max_length=64, default="")
    key_id = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"register head #{self.seq}"


def evidence_photo_path(instance: EvidencePhoto, _filename: str) -> str:
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(
        instance.content_type, "bin"
    )
    return f"custody/{instance.entry.unit_id}/{instance.id}.{extension}"


class EvidencePhoto(BaseModel):
    """A photo of an entry (re-encoded, no metadata); its SHA-256 is in the entry's hashed data."""

    entry = models.ForeignKey(EvidenceEntry, on_delete=models.PROTECT, related_name="photos")
    file = models.FileField(upload_to=evidence_photo_path, max_length=300)
    content_type = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["entry", "created_at"]

    def __str__(self) -> str:
        return self.sha256[:16]


class Reconciliation(BaseModel):
    """A count of the evidence room against the register: what the register holds in store,
    what was found, the seals seen."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reconciliations")
    held_on = models.DateField(_("held on"))
    counted_by = models.CharField(_("counted by"), max_length=300)
    closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)  # the figures, when closed

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.held_on}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class RoomCheck(models.TextChoices):
    PRESENT = "present", _("Present, seal intact")
    SEAL_BROKEN = "seal_broken", _("Present, seal broken or different")
    MISSING = "missing", _("Missing")
    UNEXPECTED = "unexpected", _("In the room but not in store in the register")


class ReconciliationLine(BaseModel):
    reconciliation = models.ForeignKey(
        Reconciliation, on_delete=models.CASCADE, related_name="lines"
    )
    item = models.ForeignKey(
        EvidenceItem, null=True, blank=True, on_delete=models.PROTECT, related_name="room_checks"
    )
    # What the register said when the count began.
    expected_seal = models.CharField(max_length=100, blank=True)
    expected_place = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=500)
    result = models.CharField(max_length=20, choices=RoomCheck.choices, blank=True)
    seal_seen = models.CharField(max_length=100, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["reconciliation", "created_at"]

    def __str__(self) -> str:
        return self.description[:60]


# --- the unit's procedures (the O22 system description is written from these) ------------------
class CustodySettings(BaseModel):
    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="custody_settings")
    count_interval_months = models.PositiveSmallIntegerField(_("count every (months)"), default=6)
    loan_days = models.PositiveSmallIntegerField(_("longest loan (days)"), default=7)
    loan_approver = models.CharField(_("who approves loans"), max_length=200)
    evidence_room = models.CharField(_("evidence room"), max_length=300)
    property_rules = models.TextField(_("rules for government property"))
    loan_procedure = models.TextField(_("borrowing and issue procedure"))
    evidence_procedure = models.TextField(_("custody procedure for seized evidence"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"custody settings of {self.unit_id}"

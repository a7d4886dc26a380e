"""Corruption complaints (O16): the case, its history, its messages and files, identity reveals.

What identifies the complainant (name, contact) is never stored in plain text: it is one Fernet
token (``identity_token``, ``prongsai.core.encryption``) that only an identity custodian's reveal
decrypts. No client address is stored with a case. Files are encrypted in the file store. The
receipt code is stored only as an Argon2 hash, found through a keyed digest of its first half.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class Category(models.TextChoices):
    BRIBERY = "bribery", _("Bribery")
    ABUSE = "abuse", _("Abuse of authority")
    MISCONDUCT = "misconduct", _("Misconduct")
    SERVICE = "service", _("Service")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    INVESTIGATING = "investigating", _("Under investigation")
    CONCLUDED = "concluded", _("Concluded")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")
    NOT_SUBSTANTIATED = "not_substantiated", _("Not substantiated")
    REFERRED = "referred", _("Referred to another agency")


class Complaint(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="complaints")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.RECEIVED)
    # What happened (empty after the purge).
    details = models.TextField(_("what happened"), blank=True)
    happened_on = models.DateField(_("when"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=300, blank=True)
    officers = models.TextField(_("officers involved"), blank=True)
    anonymous = models.BooleanField(default=True)
    identity_token = models.BinaryField(null=True, blank=True, editable=False)
    # Receipt: keyed digest of the first half (to find the case), Argon2 hash of the whole code.
    receipt_lookup = models.CharField(max_length=64, db_index=True, editable=False)
    receipt_hash = models.CharField(max_length=200, editable=False)
    submission_id = models.UUIDField(unique=True, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
    )
    # Handlers named in the case (conflict of interest): they never see it.
    excluded = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="excluded_complaints"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    referral_reference = models.CharField(_("reference"), max_length=100, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    received_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    first_answer_at = models.DateTimeField(null=True, blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["received_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="concluded") | ~models.Q(outcome=""),
                name="complaint_concluded_has_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_state_display()})"

    @property
    def reference(self) -> str:
        """A short case number for staff pages (not the receipt code)."""
        return f"C-{str(self.pk)[:8].upper()}"


class Transition(models.Model):
    """One state change of a case (the timeline; medians are computed from it)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state or '∅'} → {self.to_state}"


class Message(BaseModel):
    class Author(models.TextChoices):
        REPORTER = "reporter", _("Complainant")
        HANDLER = "handler", _("Handler")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    # Internal notes are never shown to the complainant.
    internal = models.BooleanField(default=False)
    body = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author} message"


class CaseFile(BaseModel):
    """An attachment, encrypted in the file store (``storage_name``); served as an attachment."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="files")
    from_reporter = models.BooleanField(default=True)
    storage_name = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["created_at"]


class IdentityReveal(BaseModel):
    """Who read a complainant's identity, when and why (also in the audit log)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reveals")
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()

    class Meta:
        ordering = ["-created_at"]


class ChannelSettings(BaseModel):
    """A unit's own settings of its complaint channel (a unit without a row uses the defaults
    of ``COMPLAINTS_*_DAYS`` and every category): deadlines, the categories it takes, who is
    responsible, its other channels, and whether handlers are mailed on a new case. The public
    guideline page is generated from them."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="complaint_settings")
    ack_days = models.PositiveSmallIntegerField(_("days to acknowledge"))
    answer_days = models.PositiveSmallIntegerField(_("days to the first answer"))
    conclude_days = models.PositiveSmallIntegerField(_("days to conclude"))
    categories = models.JSONField(_("categories the channel takes"), default=list)
    responsible = models.CharField(_("responsible office"), max_length=300, blank=True)
    channels = models.TextField(_("other channels of the unit"), blank=True)
    notify_handlers = models.BooleanField(_("mail the handlers on each new case"), default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ack_days__gte=1)
                & models.Q(answer_days__gte=models.F("ack_days"))
                & models.Q(conclude_days__gte=models.F("answer_days")),
                name="complaint_settings_deadlines_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"complaint settings of {self.unit_id}"

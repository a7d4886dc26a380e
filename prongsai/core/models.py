"""Base model and the tamper-evident audit log."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """UUID primary key (ids in URLs reveal nothing about volumes) and timestamps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One write done through a service. Entries form a hash chain (see core/audit.py).

    The actor is stored as a plain id and label, not a foreign key: deleting a user must not
    rewrite history (and would break the chain).
    """

    seq = models.PositiveBigIntegerField(unique=True)
    created_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    unit_id = models.CharField(max_length=64, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which AUDIT_KEYS key signed the entry (HMAC-SHA256); 0 = an unkeyed SHA-256 entry written
    # before the chain was keyed (verified as legacy, only before the first keyed entry).
    key_id = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """The chain's last sequence number and hash. Inside the database it only shows clumsy
    deletions; the anchors published outside it (core/audit_anchor.py) show careful ones."""

    key = models.CharField(max_length=20, primary_key=True, default="audit")
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="")
    key_id = models.PositiveSmallIntegerField(default=0)  # key of the last entry

    def __str__(self) -> str:
        return f"audit head #{self.seq}"

"""What the evidence pre-checker keeps.

* :class:`CheckRun` — one request to check an assessment's evidence (all items or one), run
  by a task; its state is shown while it runs.
* :class:`Snapshot` — what a link (or stored file or page) held when it was fetched: SHA-256,
  content type, final URL, HTTP status, time; the bytes themselves up to
  ``SNAPSHOT_MAX_BYTES`` (else only their extracted text). A fetch with the same hash as the
  latest snapshot only moves its ``last_seen_at`` ("unchanged since" = ``fetched_at``).
* :class:`EvidenceCheck` — the latest checks of one piece of evidence.
* :class:`ItemVerdict` — the latest verdict of one item (worst of its checks) with the reasons
  and each criterion's elements.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.assessments.models import Assessment
from prongsai.core.models import BaseModel
from prongsai.disclosures.models import Evidence, ItemWork

SNAPSHOT_MAX_BYTES = 2 * 1024 * 1024
SNAPSHOT_MAX_TEXT = 300_000


class Status(models.TextChoices):
    PASS = "pass", pgettext_lazy("pre-check status", "Pass")
    WARN = "warn", pgettext_lazy("pre-check status", "Warning")
    FAIL = "fail", pgettext_lazy("pre-check status", "Fail")


class CheckRun(BaseModel):
    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("pre-check run", "Waiting to start")
        RUNNING = "running", pgettext_lazy("pre-check run", "Checking")
        DONE = "done", pgettext_lazy("pre-check run", "Done")
        FAILED = "failed", pgettext_lazy("pre-check run", "Failed")

    class Reason(models.TextChoices):
        MANUAL = "manual", pgettext_lazy("pre-check run", "Asked for")
        NIGHTLY = "nightly", pgettext_lazy("pre-check run", "Nightly re-check")
        COMMAND = "command", pgettext_lazy("pre-check run", "Command")
        DEMO = "demo", pgettext_lazy("pre-check run", "Demo")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    item_code = models.CharField(max_length=40, blank=True)  # blank: every item
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    reason = models.CharField(max_length=10, choices=Reason.choices, default=Reason.MANUAL)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["assessment", "state"])]

    def __str__(self) -> str:
        return f"pre-check {self.assessment_id} {self.item_code or '*'} {self.state}"

    @property
    def pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class Snapshot(BaseModel):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=2000)
    final_url = models.CharField(max_length=2000, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)  # blank: nothing came back
    size = models.PositiveBigIntegerField(default=0)
    content = models.BinaryField(blank=True, default=b"")  # up to SNAPSHOT_MAX_BYTES
    text = models.TextField(blank=True)  # extracted text (bounded)
    error = models.CharField(max_length=40, blank=True)
    fetched_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    class Meta:
        ordering = ["evidence", "-fetched_at"]
        indexes = [models.Index(fields=["evidence", "fetched_at"])]

    def __str__(self) -> str:
        return f"{self.url} {self.sha256[:12]}"


class EvidenceCheck(BaseModel):
    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="precheck")
    work = models.ForeignKey(ItemWork, on_delete=models.CASCADE, related_name="+")
    snapshot = models.ForeignKey(
        Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=4, choices=Status.choices)
    checks = models.JSONField(default=list)  # [{"name", "status", "reason"}], this link's own
    checked_at = models.DateTimeField()
    ever_passed = models.BooleanField(default=False)  # reachable has passed at least once
    # The hash the evaluator accepted (the snapshot taken at or just before acceptance).
    accepted_sha256 = models.CharField(max_length=64, blank=True)
    changed_after_acceptance = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("evidence pre-check")

    def __str__(self) -> str:
        return f"{self.evidence_id}: {self.status}"


class ItemVerdict(BaseModel):
    work = models.OneToOneField(ItemWork, on_delete=models.CASCADE, related_name="precheck")
    status = models.CharField(max_length=4, choices=Status.choices)
    checks = models.JSONField(default=list)  # the item's own: period, elements, format
    criteria = models.JSONField(default=dict)  # criterion code → {"status", "reason"}
    reasons = models.JSONField(default=list)  # every reason that is not a pass, worst first
    changed_after_acceptance = models.BooleanField(default=False)
    checked_at = models.DateTimeField()
    run = models.ForeignKey(
        CheckRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("item pre-check verdict")

    def __str__(self) -> str:
        return f"{self.work_id}: {self.status}"

"""Persisted scoring results: snapshots of the score for versions of an assessment's inputs.

Snapshots are written by a task (``tasks.refresh_snapshot``), never by a page: a change to an
input asks for one (``ScoreRefreshRequest``, at most one pending per assessment) and the task
computes it. Only what the history needs is kept (``services.snapshots_prune``): the latest
snapshot of each day and every snapshot in which released OIT results changed.
"""

from __future__ import annotations

from django.db import models

from prongsai.assessments.models import Assessment


class ScoreSnapshot(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="snapshots")
    inputs_version = models.PositiveBigIntegerField()
    computed_at = models.DateTimeField(auto_now_add=True)
    total = models.FloatField(null=True)
    grade = models.CharField(max_length=10, blank=True)
    rating = models.CharField(max_length=40, blank=True)
    result = models.JSONField()
    # The first snapshot showing a newly released OIT result (evaluator's review released to the
    # unit): kept for good, whatever the day.
    released = models.BooleanField(default=False)

    class Meta:
        ordering = ["-inputs_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "inputs_version"], name="snapshot_per_inputs_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} v{self.inputs_version}: {self.total}"


class ScoreRefreshRequest(models.Model):
    """A snapshot is wanted for this assessment: one row (and one queued task) at most."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    requested_at = models.DateTimeField()

    class Meta:
        db_table = "scoring_scorerefreshrequest"  # named in services.snapshot_schedule

    def __str__(self) -> str:
        return f"{self.assessment_id} wants a snapshot"

"""Persisted scoring results: one snapshot per version of an assessment's inputs."""

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

    class Meta:
        ordering = ["-inputs_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "inputs_version"], name="snapshot_per_inputs_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} v{self.inputs_version}: {self.total}"

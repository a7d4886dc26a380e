from __future__ import annotations

from django.db import models


class Entry(models.Model):
    """One posted form: its id (unique, as a submission id is) and its fields."""

    submission_id = models.UUIDField(unique=True)
    fields = models.JSONField()

    class Meta:
        app_label = "ceiling"

    def __str__(self) -> str:
        return str(self.submission_id)

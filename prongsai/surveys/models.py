"""IIT / EIT survey data.

``AnswerTally`` and ``RespondentTally`` are the per-assessment counters the scoring engine reads:
how many answers each level of each answer key received. They are updated in the same transaction
as each stored response, so scoring never has to scan individual responses.
"""

from __future__ import annotations

from django.db import models

from prongsai.assessments.models import Assessment


class AnswerTally(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=3)
    key = models.CharField(max_length=40)  # sub-item id (or question id without sub-items)
    level = models.SmallIntegerField()  # the scale level's value
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument", "key", "level"], name="answer_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.key}={self.level}: {self.count}"


class RespondentTally(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=3)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument"], name="respondent_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument}: {self.count}"

"""Questions and feedback from the public (O4): a question is moderated, answered by the unit's
staff and then published with its dates; feedback is read by staff and never published. The
unit's staff also curate a list of frequently asked questions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import BaseModel
from prongsai.organizations.models import Unit


class Kind(models.TextChoices):
    QUESTION = "question", _("Question (answered in public)")
    FEEDBACK = "feedback", _("Feedback or suggestion (not published)")


class QuestionState(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class Question(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    body = models.TextField(_("question"))
    state = models.CharField(
        max_length=10, choices=QuestionState.choices, default=QuestionState.PENDING
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(max_length=300, blank=True)
    submission_id = models.UUIDField(unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.body[:40]}"

    @property
    def response_days(self) -> float | None:
        if self.answered_at is None:
            return None
        return max(0.0, (self.answered_at - self.created_at).total_seconds() / 86400)


class FaqEntry(BaseModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="faq_entries")
    question = models.CharField(_("question"), max_length=500)
    answer = models.TextField(_("answer"))
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.question[:60]

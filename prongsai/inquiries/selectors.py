"""Reads for the public O4 page and the staff's list: published answers, the FAQ, and the
response-time figures (median days to answer, share answered within the target)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from prongsai.organizations.models import Unit

from .models import FaqEntry, Kind, Question, QuestionState


def published_questions(unit: Unit) -> QuerySet[Question]:
    return Question.objects.filter(unit=unit, state=QuestionState.PUBLISHED).order_by(
        "-published_at"
    )


def faq_of(unit: Unit) -> QuerySet[FaqEntry]:
    return FaqEntry.objects.filter(unit=unit)


def staff_questions(unit: Unit, *, state: str = "", kind: str = "") -> QuerySet[Question]:
    qs = Question.objects.filter(unit=unit).select_related("answered_by")
    if state in QuestionState.values:
        qs = qs.filter(state=state)
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("state", "-created_at")


@dataclass(frozen=True)
class ResponseTimes:
    received: int
    answered: int
    median_days: float | None
    within_target: float | None  # share of answered questions answered within the target
    target_days: int
    waiting_over_target: int


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def response_times(unit: Unit, *, since: dt.datetime | None = None) -> ResponseTimes:
    target = int(settings.INQUIRIES_ANSWER_DAYS)
    qs = Question.objects.filter(unit=unit, kind=Kind.QUESTION).exclude(
        state=QuestionState.REJECTED
    )
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    rows = list(qs.values_list("created_at", "answered_at"))
    days = [(a - c).total_seconds() / 86400 for c, a in rows if a is not None]
    now = timezone.now()
    waiting = sum(1 for c, a in rows if a is None and (now - c).days > target)
    return ResponseTimes(
        received=len(rows),
        answered=len(days),
        median_days=_median(days),
        within_target=(sum(1 for d in days if d <= target) / len(days)) if days else None,
        target_days=target,
        waiting_over_target=waiting,
    )

"""Reads for the measures plan (pages, the report builder, reminders)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.assessments.models import Assessment

from .cadence import overdue_since, reference_day
from .models import PlanRow, ProgressPhoto, ProgressUpdate, Status


def indicator_titles(assessment: Assessment, lang: str = "th") -> dict[str, str]:
    """``{code: title}`` of the framework's indicators, in framework order."""
    return {i.id: i.title.get(lang) for i in assessment.framework.spec.indicators}


def oit_item_codes(assessment: Assessment) -> list[str]:
    return [item.id for item in assessment.framework.spec.items]


def plan_rows(
    assessment: Assessment, *, indicator: str = "", status: str = ""
) -> QuerySet[PlanRow]:
    rows = (
        PlanRow.objects.filter(assessment=assessment)
        .annotate(last_update=Max("updates__date"), update_count=Count("updates"))
        .prefetch_related("responsible_users")
        .order_by("position", "created_at")
    )
    if indicator:
        rows = rows.filter(indicator=indicator)
    if status:
        rows = rows.filter(status=status)
    return rows


@dataclass(frozen=True)
class OverdueRow:
    row: PlanRow
    since: dt.date  # first day of the period without an update
    last_update: dt.date | None
    users: list[Any] = field(default_factory=list)


def overdue_rows(assessment: Assessment, *, today: dt.date | None = None) -> list[OverdueRow]:
    as_of = reference_day(assessment.year, today or timezone.localdate())
    out = []
    for row in plan_rows(assessment).exclude(status=Status.DONE).exclude(cadence=""):
        since = overdue_since(
            cadence=row.cadence,
            status=row.status,
            period_start=row.period_start,
            last_update=row.last_update,  # type: ignore[attr-defined]
            as_of=as_of,
        )
        if since is not None:
            out.append(
                OverdueRow(
                    row=row,
                    since=since,
                    last_update=row.last_update,  # type: ignore[attr-defined]
                    users=list(row.responsible_users.all()),
                )
            )
    return out


def row_in(assessment: Assessment, row_id: Any) -> PlanRow:
    row = (
        PlanRow.objects.filter(assessment=assessment, pk=row_id)
        .select_related("assessment__framework", "assessment__unit")
        .prefetch_related("responsible_users")
        .first()
    )
    if row is None:
        raise Http404("No such plan row")
    return row


def row_updates(row: PlanRow) -> QuerySet[ProgressUpdate]:
    return (
        row.updates.select_related("author")
        .prefetch_related("photos")
        .order_by("-date", "-created_at")
    )


def update_in(assessment: Assessment, update_id: Any) -> ProgressUpdate:
    update = (
        ProgressUpdate.objects.filter(row__assessment=assessment, pk=update_id)
        .select_related("row")
        .first()
    )
    if update is None:
        raise Http404("No such update")
    return update


def photo_in(assessment: Assessment, photo_id: Any) -> ProgressPhoto:
    photo = ProgressPhoto.objects.filter(update__row__assessment=assessment, pk=photo_id).first()
    if photo is None:
        raise Http404("No such photo")
    return photo


def plan_with_progress(assessment: Assessment, *, until: dt.date) -> list[PlanRow]:
    """Every row in order, with ``row.progress``: its updates dated up to ``until`` (oldest
    first, photos prefetched). For the six- and twelve-month reports."""
    updates = (
        ProgressUpdate.objects.filter(date__lte=until)
        .prefetch_related("photos")
        .order_by("date", "created_at")
    )
    rows: list[PlanRow] = list(
        PlanRow.objects.filter(assessment=assessment)
        .annotate(
            later_updates=Exists(ProgressUpdate.objects.filter(row=OuterRef("pk"), date__gt=until))
        )
        .prefetch_related("responsible_users", Prefetch("updates", updates, to_attr="progress"))
        .order_by("position", "created_at")
    )
    return rows


def status_at(row: PlanRow, until: dt.date) -> str:
    """The row's status as of ``until``: its latest update up to then. Without one: not started
    when updates came only later (the row's status now follows those), else its own status."""
    progress = getattr(row, "progress", None)
    if progress:
        return str(progress[-1].status)
    later = getattr(row, "later_updates", None)
    if later is None:
        later = row.updates.filter(date__gt=until).exists()
    if later:
        return str(Status.NOT_STARTED)
    return str(row.status)


@dataclass(frozen=True)
class PlanProgress:
    """One plan's figures for a parent's roll-up: rows, completed rows, overdue rows (the same
    rule as ``overdue_rows``)."""

    rows: int = 0
    done: int = 0
    overdue: int = 0


def plan_progress_many(
    assessment_ids: list[Any], *, today: dt.date | None = None
) -> dict[Any, PlanProgress]:
    """``PlanProgress`` per assessment, in one query for any number of assessments."""
    day = today or timezone.localdate()
    counts: dict[Any, list[int]] = {}
    rows = (
        PlanRow.objects.filter(assessment_id__in=assessment_ids)
        .annotate(last=Max("updates__date"))
        .values_list(
            "pk", "assessment_id", "assessment__year", "status", "cadence", "period_start", "last"
        )
        .order_by()
    )
    for _pk, assessment_id, year, status, cadence, period_start, last in rows:
        figures = counts.setdefault(assessment_id, [0, 0, 0])
        figures[0] += 1
        if status == Status.DONE:
            figures[1] += 1
            continue
        if not cadence:
            continue
        since = overdue_since(
            cadence=cadence,
            status=status,
            period_start=period_start,
            last_update=last,
            as_of=reference_day(year, day),
        )
        if since is not None:
            figures[2] += 1
    return {pk: PlanProgress(*figures) for pk, figures in counts.items()}

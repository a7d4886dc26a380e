"""Reads for complaint pages: the handlers' list with deadlines, a case, the public statistics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.thai_dates import MONTHS_EN, MONTHS_TH, fiscal_year, fiscal_year_bounds
from prongsai.organizations.models import Membership, Unit

from . import statistics as stats
from .models import Category, ChannelSettings, Complaint, IdentityReveal, Message, Outcome, State
from .roles import HANDLER

OPEN_STATES = (State.RECEIVED, State.ACKNOWLEDGED, State.INVESTIGATING)
DONE_STATES = (State.CONCLUDED, State.CLOSED)


# --- the unit's channel settings ----------------------------------------------------------------
def default_settings(unit: Unit | None = None) -> ChannelSettings:
    """The settings of a unit that saved none (not stored)."""
    return ChannelSettings(
        unit=unit,
        ack_days=int(settings.COMPLAINTS_ACK_DAYS),
        answer_days=int(settings.COMPLAINTS_ANSWER_DAYS),
        conclude_days=int(settings.COMPLAINTS_CONCLUDE_DAYS),
        categories=list(Category.values),
        notify_handlers=True,
    )


def channel_settings_of(unit: Unit) -> ChannelSettings:
    return ChannelSettings.objects.filter(unit=unit).first() or default_settings(unit)


def channel_settings_many(unit_ids: Iterable[Any]) -> dict[Any, ChannelSettings]:
    """Every unit's settings in one query (defaults for the units that saved none)."""
    ids = set(unit_ids)
    saved = {s.unit_id: s for s in ChannelSettings.objects.filter(unit_id__in=ids)}
    default = default_settings()
    return {unit_id: saved.get(unit_id, default) for unit_id in ids}


def categories_of(channel: ChannelSettings) -> list[tuple[str, str]]:
    """The categories the channel takes, in the product's order (all of them if none is set)."""
    taken = set(channel.categories or Category.values)
    return [(c.value, str(c.label)) for c in Category if c.value in taken]


# --- deadlines --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Deadline:
    label: str
    due: dt.datetime
    overdue: bool


def deadline_of(
    complaint: Complaint,
    now: dt.datetime | None = None,
    channel: ChannelSettings | None = None,
) -> Deadline | None:
    """The next deadline of an open case: acknowledge, first answer, conclude (the unit's own
    numbers of days, from the day received)."""
    now = now or timezone.now()
    channel = channel or channel_settings_of(complaint.unit)
    received = complaint.received_at
    if complaint.state in DONE_STATES:
        return None
    if complaint.acknowledged_at is None:
        due = received + dt.timedelta(days=channel.ack_days)
        return Deadline(_("Acknowledge"), due, now > due)
    if complaint.first_answer_at is None:
        due = received + dt.timedelta(days=channel.answer_days)
        return Deadline(_("First answer"), due, now > due)
    due = received + dt.timedelta(days=channel.conclude_days)
    return Deadline(_("Conclude"), due, now > due)


def conclude_days_many(unit_ids: Iterable[Any]) -> dict[Any, int]:
    """Each unit's number of days to conclude a case (one query)."""
    return {pk: s.conclude_days for pk, s in channel_settings_many(unit_ids).items()}


@dataclass(frozen=True)
class CaseRow:
    complaint: Complaint
    deadline: Deadline | None


def cases_for(
    unit: Unit, user: User, *, state: str = "", overdue_only: bool = False
) -> list[CaseRow]:
    qs = (
        Complaint.objects.filter(unit=unit, purged_at__isnull=True)
        .exclude(excluded=user)
        .select_related("assigned_to")
        .order_by("-received_at")
    )
    if state in State.values:
        qs = qs.filter(state=state)
    now = timezone.now()
    channel = channel_settings_of(unit)
    rows = [CaseRow(c, deadline_of(c, now, channel)) for c in qs]
    if overdue_only:
        rows = [r for r in rows if r.deadline is not None and r.deadline.overdue]
    return rows


def overdue_cases(unit: Unit | None = None) -> list[Complaint]:
    qs = Complaint.objects.filter(state__in=OPEN_STATES, purged_at__isnull=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    now = timezone.now()
    cases = list(qs.select_related("unit"))
    channels = channel_settings_many(c.unit_id for c in cases)
    return [c for c in cases if (d := deadline_of(c, now, channels[c.unit_id])) and d.overdue]


def handlers_of(unit: Unit) -> QuerySet[Membership]:
    return Membership.objects.filter(unit=unit, role=HANDLER).select_related("user")


def messages_of(complaint: Complaint, *, for_reporter: bool) -> QuerySet[Message]:
    qs = complaint.messages.all()
    if for_reporter:
        qs = qs.filter(internal=False)
    return qs


def reveals_of(unit: Unit) -> QuerySet[IdentityReveal]:
    return (
        IdentityReveal.objects.filter(complaint__unit=unit)
        .select_related("complaint", "revealed_by")
        .order_by("-created_at")
    )


# --- public statistics (O16) ------------------------------------------------------------------
PERIODS_MONTHS = [f"m{i}" for i in range(1, 13)]
PERIODS_QUARTERS = ["q1", "q2", "q3", "q4"]
PERIODS_ROUNDS = ["r6", "r12"]
MEASURES = [
    "received",
    *[f"cat:{c}" for c in Category.values],
    "concluded",
    "in_progress",
    *[f"out:{o}" for o in Outcome.values],
]


def statistic_lines() -> list[stats.Line]:
    lines: list[stats.Line] = []
    for p in [*PERIODS_MONTHS, *PERIODS_QUARTERS, *PERIODS_ROUNDS]:
        lines.append(stats.Line(f"{p}:received", tuple(f"{p}:cat:{c}" for c in Category.values)))
        lines.append(stats.Line(f"{p}:received", (f"{p}:concluded", f"{p}:in_progress")))
        lines.append(stats.Line(f"{p}:concluded", tuple(f"{p}:out:{o}" for o in Outcome.values)))
    for m in MEASURES:
        for q in range(4):
            months = tuple(f"m{3 * q + i}:{m}" for i in (1, 2, 3))
            lines.append(stats.Line(f"q{q + 1}:{m}", months))
        lines.append(stats.Line(f"r6:{m}", (f"q1:{m}", f"q2:{m}")))
        lines.append(stats.Line(f"r12:{m}", tuple(f"q{i}:{m}" for i in (1, 2, 3, 4))))
        lines.append(stats.Line(f"r12:{m}", (f"r6:{m}", f"q3:{m}", f"q4:{m}")))
    return lines


@dataclass(frozen=True)
class PeriodRow:
    key: str
    label: str
    kind: str  # month, quarter, round
    empty: bool  # no complaints: say so
    cells: dict[str, str]  # measure → shown text
    median_ack: str
    median_conclude: str


@dataclass(frozen=True)
class Statistics:
    unit: Unit
    year: int
    threshold: int
    rows: list[PeriodRow]
    table: stats.Suppressed
    generated: dt.datetime

    @property
    def months(self) -> list[PeriodRow]:
        return [r for r in self.rows if r.kind == "month"]

    @property
    def summaries(self) -> list[PeriodRow]:
        return [r for r in self.rows if r.kind != "month"]


def _period_of_month(index: int) -> list[str]:
    """Period keys a fiscal month (1 = October) counts in."""
    quarter = (index - 1) // 3 + 1
    keys = [f"m{index}", f"q{quarter}", "r12"]
    if index <= 6:
        keys.append("r6")
    return keys


def _days(start: dt.datetime, end: dt.datetime | None) -> float | None:
    if end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 86400)


def _median_text(values: list[float], threshold: int) -> str:
    if len(values) < threshold:
        return "–"
    value = stats.median(values)
    return "–" if value is None else f"{value:.1f}"


def current_fiscal_year() -> int:
    return fiscal_year(timezone.localdate())


# The published periods (series ``complaints.statistics``, cadence "half"): the six-month round
# shows October–March only (its months, quarters 1–2 and the round), the twelve-month one all.
PUBLISHED_ROWS = {
    "h1": frozenset([*PERIODS_MONTHS[:6], "q1", "q2", "r6"]),
    "h2": frozenset([*PERIODS_MONTHS, *PERIODS_QUARTERS, *PERIODS_ROUNDS]),
}


def complaint_statistics(
    unit: Unit, year: int, *, lang: str = "th", period: str = ""
) -> Statistics:
    """Counts per month, quarter and round of fiscal ``year`` (cases by the month received),
    with small counts suppressed (statistics.py) and median days to acknowledge and conclude.
    ``period`` "h1" keeps the six-month round's rows only (suppressed over the whole year all
    the same), "h2" or none every row."""
    threshold = int(settings.COMPLAINTS_SUPPRESS_BELOW)
    first, last = fiscal_year_bounds(year)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    cases = Complaint.objects.filter(
        unit=unit, received_at__gte=start, received_at__lt=end
    ).values_list("received_at", "category", "state", "outcome", "acknowledged_at", "concluded_at")
    periods = [*PERIODS_MONTHS, *PERIODS_QUARTERS, *PERIODS_ROUNDS]
    values = {f"{p}:{m}": 0 for p in periods for m in MEASURES}
    ack: dict[str, list[float]] = {p: [] for p in periods}
    conclude: dict[str, list[float]] = {p: [] for p in periods}
    for received_at, category, state, outcome, acknowledged_at, concluded_at in cases:
        local = timezone.localtime(received_at, tz)
        index = (local.month - 10) % 12 + 1
        done = state in DONE_STATES
        for p in _period_of_month(index):
            values[f"{p}:received"] += 1
            values[f"{p}:cat:{category}"] += 1
            values[f"{p}:concluded" if done else f"{p}:in_progress"] += 1
            if done and outcome:
                values[f"{p}:out:{outcome}"] += 1
            if (days := _days(received_at, acknowledged_at)) is not None:
                ack[p].append(days)
            if done and (days := _days(received_at, concluded_at)) is not None:
                conclude[p].append(days)
    empty = [p for p in periods if values[f"{p}:received"] == 0]
    table = stats.suppress(
        values,
        statistic_lines(),
        threshold=threshold,
        explicit_zero=[f"{p}:{m}" for p in empty for m in MEASURES],
    )
    months = MONTHS_EN if lang.startswith("en") else MONTHS_TH
    labels = {
        f"m{i}": f"{months[(i + 8) % 12]} {first.year + (1 if i > 3 else 0) + (0 if lang.startswith('en') else 543)}"
        for i in range(1, 13)
    }
    labels.update({f"q{i}": _("Quarter %(n)s") % {"n": i} for i in range(1, 5)})
    labels["r6"] = _("6-month round (October – March)")
    labels["r12"] = _("12-month round (the fiscal year)")
    rows = [
        PeriodRow(
            key=p,
            label=labels[p],
            kind="month" if p.startswith("m") else ("quarter" if p.startswith("q") else "round"),
            empty=p in empty,
            cells={m: table.display(f"{p}:{m}", threshold) for m in MEASURES},
            median_ack=_median_text(ack[p], threshold),
            median_conclude=_median_text(conclude[p], threshold),
        )
        for p in periods
        if p in PUBLISHED_ROWS.get(period, PUBLISHED_ROWS["h2"])
    ]
    return Statistics(
        unit=unit,
        year=year,
        threshold=threshold,
        rows=rows,
        table=table,
        generated=timezone.now(),
    )


def measure_labels() -> dict[str, str]:
    labels = {
        "received": _("Received"),
        "concluded": _("Concluded"),
        "in_progress": _("In progress"),
    }
    labels.update({f"cat:{c.value}": str(c.label) for c in Category})
    labels.update({f"out:{o.value}": str(o.label) for o in Outcome})
    return labels

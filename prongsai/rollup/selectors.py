"""The parent organisation's roll-up: every unit of a subtree for one fiscal year, with its score
(from snapshots, never computed here), survey counts, OIT progress, plan progress and the
registered integrity signals.

Everything is read in a fixed number of set-based queries, whatever the number of units (tests
assert it at 10 and at 200 units; ``make bench`` times 1,500): filters, sorting, ranking and
paging then work on plain rows in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.assessments.integrity_signals import (
    IntegritySignal,
    SignalFigure,
    SignalQuery,
    registered_signals,
    signal_figures,
)
from prongsai.assessments.models import Assessment
from prongsai.disclosures.integrity import OIT_PROGRESS
from prongsai.disclosures.selectors import OitProgress, oit_progress_many
from prongsai.frameworks.models import Framework
from prongsai.measures.integrity import PLAN_PROGRESS
from prongsai.measures.selectors import PlanProgress, plan_progress_many
from prongsai.organizations.models import Unit
from prongsai.scoring.models import ScoreRefreshRequest, ScoreSnapshot
from prongsai.surveys.integrity import SURVEY_PROGRESS
from prongsai.surveys.selectors import SurveyProgress, survey_progress_many

from .models import FiguresRefreshRequest, UnitFigures

UNIT_FIELDS = ("id", "slug", "name_th", "name_en", "kind", "depth", "path", "parent_id")
INSTRUMENTS = ("IIT", "EIT")


@dataclass(frozen=True)
class Score:
    total: float | None
    grade: str
    rating: str
    current: bool  # computed from the assessment's current inputs (else: an earlier version)


@dataclass
class UnitRow:
    unit: Unit
    level: int  # depth below the overview's unit (0: the unit itself)
    has_children: bool = False
    assessment: Assessment | None = None
    items: int = 0  # OIT items of the assessment's framework
    score: Score | None = None
    previous_total: float | None = None
    rank: int | None = None
    tied: bool = False
    surveys: dict[str, SurveyProgress] = field(default_factory=dict)
    oit: OitProgress = field(default_factory=OitProgress)
    plan: PlanProgress = field(default_factory=PlanProgress)
    signals: dict[str, SignalFigure] = field(default_factory=dict)

    @property
    def total(self) -> float | None:
        return self.score.total if self.score else None

    @property
    def change(self) -> float | None:
        """Year-on-year change of the total, when both years have a score."""
        if self.total is None or self.previous_total is None:
            return None
        return round(self.total - self.previous_total, 2)

    def survey(self, instrument: str) -> SurveyProgress | None:
        return self.surveys.get(instrument)

    @property
    def iit(self) -> SurveyProgress | None:
        return self.surveys.get("IIT")

    @property
    def eit(self) -> SurveyProgress | None:
        return self.surveys.get("EIT")

    @property
    def signal_list(self) -> list[tuple[IntegritySignal, SignalFigure | None]]:
        return [(s, self.signals.get(s.key)) for s in registered_signals()]

    def behind_on(self, key: str) -> bool:
        return key in self.behind

    @property
    def behind(self) -> frozenset[str]:
        """The "behind on …" keys this unit matches (see ``behind_choices``)."""
        keys: set[str] = set()
        if self.assessment is None:
            return frozenset({"no_assessment"})
        if self.score is None:
            keys.add("not_scored")
        for instrument in INSTRUMENTS:
            progress = self.surveys.get(instrument)
            if progress is not None and progress.below_target:
                keys.add(instrument.lower())
        if self.oit.sent < self.items:
            keys.add("oit_unsent")
        if self.plan.overdue:
            keys.add("plan_overdue")
        for key, figure in self.signals.items():
            if figure.behind:
                keys.add(f"signal:{key}")
        return frozenset(keys)


def behind_choices() -> list[tuple[str, Any]]:
    return [
        ("no_assessment", _("No assessment for the year")),
        ("not_scored", _("No score yet")),
        ("iit", _("IIT below target")),
        ("eit", _("EIT below target")),
        ("oit_unsent", _("OIT items not sent for review")),
        ("plan_overdue", _("Plan rows overdue")),
        *[(f"signal:{s.key}", s.behind_label or s.label) for s in registered_signals()],
    ]


@dataclass
class Totals:
    units: int = 0
    assessed: int = 0
    scored: int = 0
    score_sum: float = 0.0
    surveys: dict[str, list[int]] = field(default_factory=dict)  # instrument → [count, target]
    items: int = 0
    with_evidence: int = 0
    sent: int = 0
    accepted: int = 0
    plan_rows: int = 0
    plan_done: int = 0
    plan_overdue: int = 0
    signals: dict[str, list[int]] = field(default_factory=dict)  # key → [done, expected, late]

    @property
    def average(self) -> float | None:
        return round(self.score_sum / self.scored, 2) if self.scored else None

    def add(self, row: UnitRow) -> None:
        self.units += 1
        if row.assessment is None:
            return
        self.assessed += 1
        if row.total is not None:
            self.scored += 1
            self.score_sum += row.total
        for instrument, progress in row.surveys.items():
            figures = self.surveys.setdefault(instrument, [0, 0])
            figures[0] += progress.count
            figures[1] += progress.target or 0
        self.items += row.items
        self.with_evidence += row.oit.with_evidence
        self.sent += row.oit.sent
        self.accepted += row.oit.accepted
        self.plan_rows += row.plan.rows
        self.plan_done += row.plan.done
        self.plan_overdue += row.plan.overdue
        for key, figure in row.signals.items():
            sums = self.signals.setdefault(key, [0, 0, 0])
            sums[0] += figure.done
            sums[1] += figure.expected
            sums[2] += figure.late

    def survey(self, instrument: str) -> list[int]:
        return self.surveys.get(instrument, [0, 0])


@dataclass
class Overview:
    root: Unit
    year: int
    rows: list[UnitRow]
    totals: Totals
    levels: list[int]
    kinds: list[str]
    has_previous_year: bool
    # The oldest stored figures shown (None: all computed for this page), how many units'
    # figures were computed for this page, and how many wait for their refresh task.
    as_of: dt.datetime | None = None
    computed_here: int = 0
    pending: int = 0


def subtree_units(root: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(path__startswith=root.path, is_active=True)
        .only(*UNIT_FIELDS)
        .order_by("path")
    )


def latest_snapshots(assessment_filter: dict[str, Any]) -> dict[Any, tuple[Any, ...]]:
    """The newest snapshot of each assessment matching the filter, one query:
    ``{assessment id: (unit id, inputs_version, total, grade, rating)}``."""
    newest = (
        ScoreSnapshot.objects.filter(assessment_id=OuterRef("assessment_id"))
        .order_by("-inputs_version")
        .values("pk")[:1]
    )
    rows = (
        ScoreSnapshot.objects.filter(
            **{f"assessment__{k}": v for k, v in assessment_filter.items()}
        )
        .filter(pk=Subquery(newest))
        .values_list(
            "assessment_id", "assessment__unit_id", "inputs_version", "total", "grade", "rating"
        )
        .order_by()
    )
    return {row[0]: row[1:] for row in rows}


def frameworks_by_pk(pks: Iterable[Any]) -> dict[Any, Framework]:
    return {f.pk: f for f in Framework.objects.filter(pk__in=set(pks))}


ASSESSMENT_FIELDS = (
    "id",
    "unit_id",
    "framework_id",
    "year",
    "status",
    "headcount_internal",
    "headcount_external",
    "inputs_version",
)


def figures_compute(
    assessments: Sequence[Assessment], *, today: dt.date
) -> dict[Any, dict[str, Any]]:
    """Each assessment's roll-up figures, computed from the apps' own selectors (a fixed number
    of set-based queries for any number of assessments; their frameworks must be set), as the
    plain data ``UnitFigures.figures`` stores: ``{assessment id: figures}``."""
    out: dict[Any, dict[str, Any]] = {}
    by_year: dict[int, list[Assessment]] = {}
    for assessment in assessments:
        by_year.setdefault(assessment.year, []).append(assessment)
    for year, group in by_year.items():
        ids = [a.pk for a in group]
        snapshots = latest_snapshots({"pk__in": ids})
        surveys = survey_progress_many(group)
        oit = oit_progress_many(ids)
        plans = plan_progress_many(ids, today=today)
        signals = signal_figures(
            SignalQuery(
                assessments={a.pk: a.unit_id for a in group},
                year=year,
                today=today,
                shared={OIT_PROGRESS: oit, PLAN_PROGRESS: plans, SURVEY_PROGRESS: surveys},
            )
        )
        for assessment in group:
            pk = assessment.pk
            snapshot = snapshots.get(pk)
            progress = oit.get(pk, OitProgress())
            plan = plans.get(pk, PlanProgress())
            out[pk] = {
                "score": None if snapshot is None else list(snapshot[1:]),
                "surveys": {i: [p.count, p.target] for i, p in surveys.get(pk, {}).items()},
                "oit": {
                    "with_evidence": progress.with_evidence,
                    "sent": progress.sent,
                    "accepted": progress.accepted,
                    "returned": progress.returned,
                    "rejected": progress.rejected,
                    "states": dict(progress.states),
                },
                "plan": [plan.rows, plan.done, plan.overdue],
                "signals": {
                    key: [f.done, f.expected, f.late, f.pending]
                    for key, by_pk in signals.items()
                    if (f := by_pk.get(pk)) is not None
                },
            }
    return out


def _apply_figures(row: UnitRow, assessment: Assessment, figures: dict[str, Any]) -> None:
    """Set the row's figures from stored (or just computed) ``figures``."""
    score = figures.get("score")
    if score is not None:
        version, total, grade, rating = score
        row.score = Score(total, grade, rating, current=version == assessment.inputs_version)
    row.surveys = {
        instrument: SurveyProgress(count, target)
        for instrument, (count, target) in figures.get("surveys", {}).items()
    }
    row.oit = OitProgress(**figures.get("oit", {}))
    row.plan = PlanProgress(*figures.get("plan", (0, 0, 0)))
    row.signals = {key: SignalFigure(*values) for key, values in figures.get("signals", {}).items()}


def stored_figures(
    assessment_ids: Iterable[Any], *, day: dt.date
) -> tuple[dict[Any, tuple[dt.datetime, dict[str, Any]]], set[Any]]:
    """The stored figures of these assessments that are good for ``day`` (computed for that day,
    no refresh pending), ``{assessment id: (computed at, figures)}``, and the assessments whose
    refresh (or score snapshot) is pending: two queries."""
    ids = list(assessment_ids)
    pending = set(
        FiguresRefreshRequest.objects.filter(assessment_id__in=ids)
        .values_list("assessment_id", flat=True)
        .union(
            ScoreRefreshRequest.objects.filter(assessment_id__in=ids).values_list(
                "assessment_id", flat=True
            )
        )
    )
    stored = {
        pk: (computed_at, figures)
        for pk, computed_at, figures in UnitFigures.objects.filter(assessment_id__in=ids, day=day)
        .values_list("assessment_id", "computed_at", "figures")
        .order_by()
        if pk not in pending
    }
    return stored, pending


def subtree_overview(root: Unit, year: int, *, today: dt.date | None = None) -> Overview:
    """Every active unit of ``root``'s subtree (``root`` first) with its figures for ``year``:
    the stored figures (``UnitFigures``) where they are current, computed here for the
    assessments without them (never refreshed yet, a refresh pending, another day's)."""
    day = today or timezone.localdate()
    units = subtree_units(root)
    parents = {u.parent_id for u in units}
    rows = {
        u.pk: UnitRow(unit=u, level=u.depth - root.depth, has_children=u.pk in parents)
        for u in units
    }
    in_subtree = {"unit__path__startswith": root.path, "unit__is_active": True}
    assessments = list(
        Assessment.objects.filter(**in_subtree, year=year).only(*ASSESSMENT_FIELDS).order_by()
    )
    frameworks = frameworks_by_pk(a.framework_id for a in assessments)
    for assessment in assessments:
        assessment.framework = frameworks[assessment.framework_id]
        row = rows.get(assessment.unit_id)
        if row is not None:
            row.assessment = assessment
            row.items = len(assessment.framework.spec.items)
    stored, pending = stored_figures((a.pk for a in assessments), day=day)
    missing = [a for a in assessments if a.pk not in stored]
    computed = figures_compute(missing, today=day) if missing else {}
    previous = {
        unit_id: total
        for unit_id, _version, total, _grade, _rating in latest_snapshots(
            {"unit__path__startswith": root.path, "year": year - 1}
        ).values()
    }
    for assessment in assessments:
        row = rows.get(assessment.unit_id)
        if row is None:
            continue
        kept = stored.get(assessment.pk)
        _apply_figures(row, assessment, kept[1] if kept else computed[assessment.pk])
    for row in rows.values():
        row.previous_total = previous.get(row.unit.pk)
    ordered = list(rows.values())
    rank_rows(ordered)
    totals = Totals()
    for row in ordered:
        totals.add(row)
    return Overview(
        root=root,
        year=year,
        rows=ordered,
        totals=totals,
        levels=sorted({row.level for row in ordered}),
        kinds=sorted({row.unit.kind for row in ordered}),
        has_previous_year=bool(previous),
        as_of=(timezone.localtime(min(kept[0] for kept in stored.values())) if stored else None),
        computed_here=len(missing),
        pending=len(pending),
    )


# A subtree's overview, once read wholly from stored figures, is reused by this app server
# while the database says nothing changed: the stored figures' version (newest computation,
# number of rows; one aggregate query) is the same and no refresh is pending in the subtree.
# The database stays the source of truth: every app server checks it on every request.
_KEPT: dict[tuple[Any, str, int, dt.date], tuple[tuple[Any, ...], Overview]] = {}


def figures_version() -> tuple[Any, ...]:
    found = UnitFigures.objects.aggregate(last=Max("computed_at"), n=Count("pk"))
    return (found["last"], found["n"])


def _pending_in(root: Unit, year: int) -> bool:
    mine = {"assessment__year": year, "assessment__unit__path__startswith": root.path}
    return (
        FiguresRefreshRequest.objects.filter(**mine).exists()
        or ScoreRefreshRequest.objects.filter(**mine).exists()
    )


def subtree_overview_current(root: Unit, year: int) -> Overview:
    """``subtree_overview`` for today, reused while the stored figures did not change."""
    day = timezone.localdate()
    key = (root.pk, root.path, year, day)
    version = figures_version()
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == version and not _pending_in(root, year):
        return kept[1]
    data = subtree_overview(root, year, today=day)
    if data.computed_here == 0 and data.pending == 0 and version[1]:
        if len(_KEPT) > 200:
            _KEPT.clear()
        _KEPT[key] = (version, data)
    else:
        _KEPT.pop(key, None)
    return data


def rank_rows(rows: Sequence[UnitRow]) -> None:
    """Standard competition ranking by total (1, 2, 2, 4): equal totals (to two decimals) share
    a rank and are marked tied; units without a score get no rank."""
    scored = sorted(
        (row for row in rows if row.total is not None),
        key=lambda row: -round(row.total or 0.0, 2),
    )
    counts = Counter(round(row.total or 0.0, 2) for row in scored)
    previous: float | None = None
    rank = 0
    for position, row in enumerate(scored, start=1):
        value = round(row.total or 0.0, 2)
        if value != previous:
            rank = position
            previous = value
        row.rank = rank
        row.tied = counts[value] > 1


# ---- filters and sorting -------------------------------------------------------------------
def _survey_rate(progress: SurveyProgress | None) -> float | None:
    if progress is None or not progress.target:
        return None
    return progress.count / progress.target


SORTS: dict[str, Any] = {
    "name": lambda row: row.unit.path,
    "score": lambda row: row.total,
    "rank": lambda row: row.rank,
    "change": lambda row: row.change,
    "iit": lambda row: _survey_rate(row.iit),
    "eit": lambda row: _survey_rate(row.eit),
    "oit": lambda row: row.oit.accepted / row.items if row.items else None,
    "plan": lambda row: row.plan.overdue if row.assessment else None,
}


def sort_choices() -> list[tuple[str, Any]]:
    return [
        ("name", _("Tree order")),
        ("rank", _("Rank (best first)")),
        ("-score", _("Score, highest first")),
        ("score", _("Score, lowest first")),
        ("-change", _("Change on last year, largest first")),
        ("change", _("Change on last year, smallest first")),
        ("iit", _("IIT count / target, lowest first")),
        ("eit", _("EIT count / target, lowest first")),
        ("oit", _("OIT items accepted, fewest first")),
        ("-plan", _("Plan rows overdue, most first")),
    ]


def filter_rows(
    rows: Iterable[UnitRow],
    *,
    level: int | None = None,
    kind: str = "",
    status: str = "",
    behind: str = "",
    text: str = "",
) -> list[UnitRow]:
    out = []
    needle = text.strip().casefold()
    for row in rows:
        if level is not None and row.level != level:
            continue
        if kind and row.unit.kind != kind:
            continue
        if status == "none" and row.assessment is not None:
            continue
        if (
            status
            and status != "none"
            and (row.assessment is None or row.assessment.status != status)
        ):
            continue
        if behind and behind not in row.behind:
            continue
        if (
            needle
            and needle not in f"{row.unit.name_th} {row.unit.name_en} {row.unit.slug}".casefold()
        ):
            continue
        out.append(row)
    return out


def sort_rows(rows: list[UnitRow], sort: str) -> list[UnitRow]:
    """Sort by one of ``SORTS`` (``-name`` for descending); rows without the value stay last."""
    descending = sort.startswith("-")
    key = SORTS.get(sort.lstrip("-"), SORTS["name"])
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    present.sort(key=lambda row: row.unit.path)
    present.sort(key=key, reverse=descending)
    return present + missing

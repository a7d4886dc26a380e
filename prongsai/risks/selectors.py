"""Reads for the risk register: the register with everything in it, one event, treatment or
follow-up of it, the heat map's placements, overdue treatments, figures for the roll-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch
from django.http import Http404
from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.core.progress import overdue_since, reference_day

from .models import FollowUp, FollowUpPhoto, Process, Register, RiskEvent, Status, Treatment
from .schemes import RiskLevel, Scheme, risk_level, scheme_from_data


def register_of(assessment: Assessment) -> Register | None:
    return (
        Register.objects.filter(assessment=assessment)
        .select_related("assessment__unit", "assessment__framework")
        .first()
    )


def register_in(assessment: Assessment) -> Register:
    register = register_of(assessment)
    if register is None:
        raise Http404("No risk register")
    return register


def previous_register_exists(assessment: Assessment) -> bool:
    return Register.objects.filter(
        assessment__unit_id=assessment.unit_id, assessment__year=assessment.year - 1
    ).exists()


def process_in(register: Register, process_id: Any) -> Process:
    process = Process.objects.filter(register=register, pk=process_id).first()
    if process is None:
        raise Http404("No such process")
    process.register = register
    return process


def event_in(register: Register, event_id: Any) -> RiskEvent:
    event = (
        RiskEvent.objects.filter(process__register=register, pk=event_id)
        .select_related("process")
        .first()
    )
    if event is None:
        raise Http404("No such risk event")
    event.process.register = register
    return event


def treatment_in(register: Register, treatment_id: Any) -> Treatment:
    treatment = (
        Treatment.objects.filter(event__process__register=register, pk=treatment_id)
        .select_related("event__process", "owner_user")
        .first()
    )
    if treatment is None:
        raise Http404("No such treatment")
    treatment.event.process.register = register
    return treatment


def followup_in(register: Register, followup_id: Any) -> FollowUp:
    followup = (
        FollowUp.objects.filter(treatment__event__process__register=register, pk=followup_id)
        .select_related("treatment")
        .first()
    )
    if followup is None:
        raise Http404("No such follow-up")
    return followup


def photo_in(register: Register, photo_id: Any) -> FollowUpPhoto:
    photo = FollowUpPhoto.objects.filter(
        followup__treatment__event__process__register=register, pk=photo_id
    ).first()
    if photo is None:
        raise Http404("No such photo")
    return photo


# --- the register as pages and documents read it -------------------------------------------------
@dataclass
class TreatmentView:
    treatment: Treatment
    followups: list[FollowUp]
    overdue_since: dt.date | None
    status: str = ""  # as of the follow-ups read (a round's report), else the treatment's

    @property
    def status_label(self) -> str:
        return str(Status(self.status or self.treatment.status).label)

    def round(self, number: int) -> list[FollowUp]:
        return [f for f in self.followups if f.round == number]

    @property
    def round6(self) -> list[FollowUp]:
        return self.round(6)

    @property
    def round12(self) -> list[FollowUp]:
        return self.round(12)


@dataclass
class EventView:
    event: RiskEvent
    number: str  # "1.2": process 1, event 2 (the label on the heat map)
    level: RiskLevel
    residual: tuple[int, int] | None  # likelihood, impact after treatment (latest follow-up)
    residual_level: RiskLevel | None
    treatments: list[TreatmentView] = field(default_factory=list)


@dataclass
class ProcessView:
    process: Process
    number: int
    events: list[EventView] = field(default_factory=list)


@dataclass
class RegisterView:
    register: Register
    scheme: Scheme
    processes: list[ProcessView]
    as_of: dt.date

    @property
    def events(self) -> list[EventView]:
        return [e for p in self.processes for e in p.events]

    @property
    def treatments(self) -> list[TreatmentView]:
        return [t for e in self.events for t in e.treatments]

    @property
    def overdue(self) -> list[TreatmentView]:
        return [t for t in self.treatments if t.overdue_since is not None]


def _status_of(treatment: Treatment, followups: list[FollowUp], max_round: int | None) -> str:
    """The treatment's status, or as of a round's report: its latest follow-up read (none yet:
    not started), as a plan row's status at a report's cut-off."""
    if max_round is None:
        return str(treatment.status)
    if followups:
        return str(max(followups, key=lambda f: (f.date, f.created_at)).status)
    return str(Status.NOT_STARTED)


def _residual(followups: list[FollowUp]) -> tuple[int, int] | None:
    rated = [f for f in followups if f.residual_likelihood and f.residual_impact]
    if not rated:
        return None
    latest = max(rated, key=lambda f: (f.date, f.created_at))
    return int(latest.residual_likelihood or 0), int(latest.residual_impact or 0)


def _safe_level(scheme: Scheme, likelihood: int, impact: int) -> RiskLevel | None:
    try:
        return risk_level(scheme, likelihood, impact)
    except ValueError:
        return None


def register_view(
    register: Register, *, max_round: int | None = None, today: dt.date | None = None
) -> RegisterView:
    """The whole register in order with levels, residuals and overdue states, in 6 queries.
    ``max_round``: only follow-ups of rounds up to it (6: the 6-month report)."""
    scheme = scheme_from_data(register.scheme)
    followups = FollowUp.objects.prefetch_related("photos").order_by("date", "created_at")
    if max_round is not None:
        followups = followups.filter(round__lte=max_round)
    treatments = Treatment.objects.select_related("owner_user").prefetch_related(
        Prefetch("followups", followups, to_attr="rounds")
    )
    processes = list(
        register.processes.order_by("position", "created_at").prefetch_related(
            Prefetch(
                "events",
                RiskEvent.objects.order_by("position", "created_at").prefetch_related(
                    Prefetch("treatments", treatments.order_by("position", "created_at"))
                ),
            )
        )
    )
    as_of = reference_day(register.assessment.year, today or timezone.localdate())
    out = []
    for p_index, process in enumerate(processes, start=1):
        view = ProcessView(process=process, number=p_index)
        for e_index, event in enumerate(process.events.all(), start=1):
            level = _safe_level(scheme, event.likelihood, event.impact)
            all_followups: list[FollowUp] = []
            treatment_views = []
            for treatment in event.treatments.all():
                rounds = list(getattr(treatment, "rounds", []))
                all_followups.extend(rounds)
                last = max((f.date for f in rounds), default=None)
                treatment_views.append(
                    TreatmentView(
                        treatment=treatment,
                        followups=rounds,
                        status=_status_of(treatment, rounds, max_round),
                        overdue_since=overdue_since(
                            cadence="",
                            status=treatment.status,
                            period_start=None,
                            last_update=last,
                            as_of=as_of,
                            due=treatment.due_date,
                        ),
                    )
                )
            residual = _residual(all_followups)
            view.events.append(
                EventView(
                    event=event,
                    number=f"{p_index}.{e_index}",
                    level=level or RiskLevel(score=event.score, band=scheme.bands[-1]),
                    residual=residual,
                    residual_level=_safe_level(scheme, *residual) if residual else None,
                    treatments=treatment_views,
                )
            )
        out.append(view)
    return RegisterView(register=register, scheme=scheme, processes=out, as_of=as_of)


# --- the roll-up's figures -----------------------------------------------------------------------
@dataclass(frozen=True)
class TreatmentProgress:
    treatments: int = 0
    done: int = 0
    overdue: int = 0


def treatment_progress_many(
    assessment_ids: list[Any], *, today: dt.date | None = None
) -> dict[Any, TreatmentProgress]:
    """Treatments, completed ones and overdue ones per assessment, in one query."""
    day = today or timezone.localdate()
    counts: dict[Any, list[int]] = {}
    rows = (
        Treatment.objects.filter(event__process__register__assessment_id__in=assessment_ids)
        .annotate(last=Max("followups__date"))
        .values_list(
            "event__process__register__assessment_id",
            "event__process__register__assessment__year",
            "status",
            "due_date",
            "last",
        )
        .order_by()
    )
    for assessment_id, year, status, due, last in rows:
        figures = counts.setdefault(assessment_id, [0, 0, 0])
        figures[0] += 1
        if status == Status.DONE:
            figures[1] += 1
            continue
        since = overdue_since(
            cadence="",
            status=status,
            period_start=None,
            last_update=last,
            as_of=reference_day(year, day),
            due=due,
        )
        if since is not None:
            figures[2] += 1
    return {pk: TreatmentProgress(*figures) for pk, figures in counts.items()}

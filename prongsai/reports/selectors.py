"""Reads for reports: the settings of an assessment, prefilled from live data when unset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from prongsai.assessments.models import Assessment
from prongsai.organizations.models import Membership, Role

from .models import ReportSettings


def default_briefing(year: int) -> str:
    return (
        "ประชุมชี้แจงคณะทำงานในการขับเคลื่อนและกำกับติดตามการประเมินคุณธรรม และความโปร่งใส"
        f"ในการดำเนินงานของหน่วยงานภาครัฐประจำปีงบประมาณ พ.ศ. {year}"
    )


def default_areas(assessment: Assessment, owner: str = "") -> list[dict[str, str]]:
    """The disclosure indicator's top-level groups, e.g. "ข้อมูลพื้นฐาน ได้แก่ …" (9.1–9.5)."""
    spec = assessment.framework.spec
    oit = spec.indicators_of("OIT")
    if not oit:
        return []
    disclosure = oit[0].id
    groups = [s for s in spec.sub_indicators if s.indicator == disclosure and not s.parent]
    areas = []
    for group in groups:
        children = [
            s.title.th
            for s in spec.sub_indicators
            if s.parent == group.id and s.title.th != group.title.th
        ]
        title = group.title.th
        if children:
            title += " ได้แก่ " + " ".join(children)
        areas.append({"title": title, "owner": owner})
    return areas


def _person(membership: Membership | None) -> tuple[str, str, str]:
    if membership is None:
        return "", "", ""
    user = membership.user
    name = f"{user.first_name} {user.last_name}".strip() or user.get_username()
    return membership.rank, name, membership.position


def _first(assessment: Assessment, role: str) -> Membership | None:
    return (
        Membership.objects.filter(unit_id=assessment.unit_id, role=role, user__is_active=True)
        .select_related("user")
        .order_by("created_at")
        .first()
    )


def settings_for(assessment: Assessment) -> ReportSettings:
    """The saved settings, or unsaved defaults: the unit admin reports, the head reviews."""
    saved = ReportSettings.objects.filter(assessment=assessment).first()
    if saved is not None:
        return saved
    reporter = _person(_first(assessment, Role.ADMIN))
    reviewer = _person(_first(assessment, Role.HEAD))
    owner = reporter[2] or ""
    return ReportSettings(
        assessment=assessment,
        briefing_text=default_briefing(assessment.year),
        disclosure_areas=default_areas(assessment, owner),
        reporter_rank=reporter[0],
        reporter_name=reporter[1],
        reporter_position=reporter[2],
        reviewer_rank=reviewer[0],
        reviewer_name=reviewer[1],
        reviewer_position=reviewer[2],
    )


@dataclass(frozen=True)
class ReportSummary:
    """What the report page shows about the report without building it (a few counts)."""

    settings_row: ReportSettings
    measures: int
    updates_by_round: dict[int, int]
    oit_items: int


def report_summary(assessment: Assessment, cutoffs: dict[int, dt.date]) -> ReportSummary:
    from prongsai.measures.models import PlanRow, ProgressUpdate

    updates = ProgressUpdate.objects.filter(row__assessment=assessment)
    return ReportSummary(
        settings_row=settings_for(assessment),
        measures=PlanRow.objects.filter(assessment=assessment).count(),
        updates_by_round={
            round_: updates.filter(date__lte=cutoff).count() for round_, cutoff in cutoffs.items()
        },
        oit_items=len(assessment.framework.spec.items),
    )

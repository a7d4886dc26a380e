"""Builders for the roll-up tests: units with assessments in varied states, made through the
same services the product uses."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_open
from prongsai.demo.synthetic import sheets
from prongsai.disclosures.services import work_submit
from prongsai.organizations.models import Unit
from prongsai.scoring.services import snapshot_current
from prongsai.surveys.models import Campaign, Response
from prongsai.surveys.services import (
    ImportRow,
    ballot_box_flush,
    code_batch_create,
    code_redeem,
    iit_answers_submit,
    responses_import,
)

from ..disclosures.helpers import add_link, review_all, work
from ..factories import make_unit
from ..measures.helpers import add_update, make_row


def open_year(
    unit: Unit, framework: Any, *, internal: int = 12, external: int = 2000, year: int | None = None
) -> Assessment:
    return assessment_open(
        actor="tests",
        unit=unit,
        framework=framework,
        year=year,
        headcount_internal=internal,
        headcount_external=external,
    )


def answers(assessment: Assessment, *, iit: int = 0, eit: int = 0, seed: str = "") -> None:
    """IIT sheets through codes and the ballot box, EIT sheets as a web import, both from the
    demo's deterministic generator."""
    spec = assessment.framework.spec
    seed = seed or assessment.unit.slug
    day = dt.date(2024, 2, 1)
    if iit:
        campaign = Campaign.objects.get(assessment=assessment, instrument="IIT")
        batch = code_batch_create(actor="tests", campaign=campaign, count=iit, on=day)
        for index, (code, sheet) in enumerate(
            zip(batch.codes, sheets(spec, "IIT", seed=seed, count=iit), strict=True)
        ):
            ballot = code_redeem(
                campaign=campaign, code=code, address=f"t-{index}", require_open=False
            )
            iit_answers_submit(
                campaign=campaign,
                ballot=ballot,
                submission_id=uuid.uuid4(),
                answers=sheet.answers,
                profile=sheet.profile,
                on=day,
                require_open=False,
            )
        ballot_box_flush(campaign_id=campaign.pk, everything=True)
    if eit:
        campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
        responses_import(
            actor="tests",
            campaign=campaign,
            rows=[
                ImportRow(
                    submission_id=uuid.uuid4(),
                    answers=sheet.answers,
                    profile=sheet.profile,
                    submitted_on=day,
                )
                for sheet in sheets(spec, "EIT", seed=seed, count=eit)
            ],
            source=Response.Source.WEB,
            source_name="tests",
        )


def oit_accept(assessment: Assessment, code: str) -> None:
    add_link(assessment, code)
    submitted = work_submit(actor="tests", work=work(assessment, code))
    review_all(submitted, "pass", action="complete")


def oit_send(assessment: Assessment, code: str) -> None:
    add_link(assessment, code)
    work_submit(actor="tests", work=work(assessment, code))


def plan(assessment: Assessment, *, done: int = 0, open_rows: int = 0) -> None:
    for _ in range(done):
        add_update(make_row(assessment), status="done")
    for _ in range(open_rows):
        make_row(assessment)  # monthly, no update: overdue


def offices(parent: Unit, prefix: str, n: int) -> list[Unit]:
    return [make_unit(f"{prefix}-{i}", parent, name_th=f"สำนักงาน {prefix} {i}") for i in range(n)]


def score(assessment: Assessment) -> float | None:
    return snapshot_current(assessment).total


def complaint(
    unit: Unit,
    received: dt.date,
    *,
    concluded: dt.date | None = None,
) -> Any:
    """A case received (and concluded) on the given days: submitted through the intake
    service, its dates then moved to the past as if the days had gone by."""
    from prongsai.complaints.models import Complaint, State
    from prongsai.complaints.services import complaint_submit

    submitted = complaint_submit(
        unit=unit,
        submission_id=uuid.uuid4(),
        category="bribery",
        details="เรื่องทดสอบ",
        happened_on=None,
        place="",
        officers="",
        identity=None,
        address=f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}",
    )
    noon = dt.time(12, tzinfo=dt.UTC)
    fields: dict[str, Any] = {"received_at": dt.datetime.combine(received, noon)}
    if concluded is not None:
        at = dt.datetime.combine(concluded, noon)
        fields.update(
            state=State.CONCLUDED, outcome="substantiated", acknowledged_at=at, concluded_at=at
        )
    Complaint.objects.filter(pk=submitted.complaint.pk).update(**fields)
    return submitted.complaint


def verdict(assessment: Assessment, code: str, status: str) -> None:
    """The pre-checker's verdict on one item, as its run leaves it."""
    from django.utils import timezone

    from prongsai.disclosures.models import ItemWork
    from prongsai.prechecks.models import ItemVerdict

    if not ItemWork.objects.filter(assessment=assessment, item__code=code).exists():
        add_link(assessment, code)  # the pre-checker checks evidence the unit added
    ItemVerdict.objects.create(
        work=work(assessment, code), status=status, checked_at=timezone.now()
    )

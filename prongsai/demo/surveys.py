"""Demo surveys (idempotent): the seed's figures and some progress in the neighbouring units.

Kalasin immigration 2567 reproduces the seed's dashboard: IIT 12 responses for a target of 12
(a batch of 12 one-time codes, all used, through the real code → ballot → answers path) and EIT
248 responses for a target of 200, dated January–March 2567 (2024). Every campaign was set up
on 5 January 2567 and closed at the end of March 2567, as the seed's unit lived it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from prongsai.demo.context import DemoContext
from prongsai.surveys.models import Campaign, Instrument, Response
from prongsai.surveys.services import (
    ImportRow,
    ballot_box_flush,
    campaign_setup,
    campaign_update,
    code_batch_create,
    code_redeem,
    iit_answers_submit,
    responses_import,
)

from .clock import demo_day
from .synthetic import sheets

ACTOR = "demo_load"
_NAMESPACE = uuid.UUID("0e3c8a52-95a4-4f3e-9a53-6a43f5b1d0c7")

# unit slug → (IIT responses, EIT responses, opens, closes)
PLAN: dict[str, tuple[int, int, dt.date, dt.date]] = {
    "kalasin-immigration": (12, 248, dt.date(2024, 1, 8), dt.date(2024, 3, 31)),
    "khonkaen-immigration": (31, 352, dt.date(2024, 1, 8), dt.date(2024, 3, 31)),
    "mahasarakham-immigration": (14, 163, dt.date(2024, 1, 15), dt.date(2024, 3, 31)),
    "roiet-immigration": (11, 97, dt.date(2024, 1, 15), dt.date(2024, 3, 31)),
    "donmueang-immigration": (35, 120, dt.date(2024, 2, 1), dt.date(2024, 3, 31)),
}
LAST_DAY = dt.date(2024, 3, 29)
SET_UP_ON = dt.date(2024, 1, 5)  # the admins set the campaigns' dates before they open


def _days(start: dt.date, end: dt.date, count: int, seed: int) -> list[dt.date]:
    """``count`` working days spread from ``start`` to ``end``, busier at the start (a campaign
    push) and on Mondays, deterministic."""
    working = [
        start + dt.timedelta(days=n)
        for n in range((end - start).days + 1)
        if (start + dt.timedelta(days=n)).weekday() < 5
    ]
    out = []
    for index in range(count):
        position = ((index * 7919 + seed * 104729) % 1000) / 1000
        out.append(working[int(position * position * len(working)) % len(working)])
    return sorted(out)


def _submission_id(slug: str, instrument: str, index: int) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{slug}:{instrument}:{index}")


def _load_iit(campaign: Campaign, slug: str, count: int, days: list[dt.date]) -> None:
    """Through the real path: a batch of codes, each redeemed for a ballot, then answers."""
    spec = campaign.assessment.framework.spec
    batch = code_batch_create(
        actor=ACTOR, campaign=campaign, count=count, on=days[0] - dt.timedelta(days=3)
    )
    for index, (code, sheet, day) in enumerate(
        zip(batch.codes, sheets(spec, "IIT", seed=slug, count=count), days, strict=True)
    ):
        ballot = code_redeem(
            campaign=campaign, code=code, address=f"demo-{index}", require_open=False
        )
        iit_answers_submit(
            campaign=campaign,
            ballot=ballot,
            submission_id=_submission_id(slug, "IIT", index),
            answers=sheet.answers,
            profile=sheet.profile,
            on=day,
            require_open=False,  # dated in the past, also for campaigns closed since
        )
    # The campaign's whole period is in the past: write everything from the ballot box now.
    ballot_box_flush(campaign_id=campaign.pk, everything=True)


def _load_eit(campaign: Campaign, slug: str, count: int, days: list[dt.date]) -> None:
    """Hundreds of web answers at once: the same rows and counters as single submissions."""
    spec = campaign.assessment.framework.spec
    generated = sheets(spec, "EIT", seed=slug, count=count)
    responses_import(
        actor=ACTOR,
        campaign=campaign,
        rows=[
            ImportRow(
                submission_id=_submission_id(slug, "EIT", index),
                answers=sheet.answers,
                profile=sheet.profile,
                submitted_on=day,
            )
            for index, (sheet, day) in enumerate(zip(generated, days, strict=True))
        ],
        source=Response.Source.WEB,
        source_name="demo",
    )


def load_demo(ctx: DemoContext) -> None:
    for seed, (slug, (iit, eit, opens, closes)) in enumerate(PLAN.items(), start=1):
        assessment = ctx.assessments.get(slug)
        if assessment is None:
            continue
        with demo_day(SET_UP_ON, hour=9 + seed):
            campaigns = {
                c.instrument: c for c in campaign_setup(actor=ACTOR, assessment=assessment)
            }
        for instrument, count in ((Instrument.IIT, iit), (Instrument.EIT, eit)):
            campaign = campaigns.get(instrument)
            if campaign is None:
                continue
            if campaign.opens_on is None:
                with demo_day(SET_UP_ON, hour=10 + seed):
                    campaign = campaign_update(
                        actor=ACTOR,
                        campaign=campaign,
                        opens_on=opens,
                        closes_on=closes,
                        target_override=None,
                    )
            if Response.objects.filter(campaign=campaign).exists():
                continue  # already loaded
            days = _days(opens, min(closes, LAST_DAY), count, seed * 2 + len(instrument))
            # The sheets are written as they stood when the campaign closed.
            with demo_day(closes, hour=18):
                if instrument == Instrument.IIT:
                    _load_iit(campaign, slug, count, days)
                else:
                    _load_eit(campaign, slug, count, days)

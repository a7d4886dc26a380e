"""The IIT ballot box: answers are acknowledged at once and counted later, mixed with others.

Stored in arrival order, IIT answers could be put back in that order (SQLite rowid, PostgreSQL
heap order and ``xmin``), and an access log line gives each submission's time and address:
together they would point at a person. So an IIT submission commits only a ``PendingSheet`` (no
time, no id the respondent knows) and the spent ballot; when enough sheets wait
(``SURVEY_IIT_BATCH_MIN``, 5 by default), a task takes a random selection of a random size and
writes them as ``Response`` rows in random order, with their tally counts, in one transaction:
each batch's rows share one transaction id and their order says nothing.

Scores count from the tallies, so they include a sheet once its batch is written; the survey
pages count waiting sheets too. What waits when a campaign closes (fewer than the batch minimum)
is written by ``campaign_close_now`` or by the ``survey_flush`` cron command.

Retries: a post is identified by a hash of (ballot nonce, submission id), kept among the spent
tokens; the same post again gets the same thank-you page, a different post with the same ballot
is refused. Nothing identifies the stored sheet itself, and no receipt is handed out.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ..answers import layout_for, question_patterns
from ..models import Campaign, Instrument, PendingSheet, Response, SpentToken
from ..tokens import Ballot, token_digest
from ..writelock import sqlite_writer
from .responses import CampaignNotOpen, TokenSpent
from .tallies import count_answers, tally_apply

_rng = random.SystemRandom()


def receipt_digest(ballot: Ballot, submission_id: uuid.UUID) -> str:
    """What recognises a retried post (a hash; the sheet itself carries nothing of it)."""
    return token_digest("ballot-post", f"{ballot.nonce}|{submission_id}")


def iit_post_stored(ballot: Ballot, submission_id: uuid.UUID) -> bool:
    return SpentToken.objects.filter(digest=receipt_digest(ballot, submission_id)).exists()


def batch_minimum() -> int:
    return max(1, settings.SURVEY_IIT_BATCH_MIN)


def iit_answers_submit(
    *,
    campaign: Campaign,
    ballot: Ballot,
    submission_id: uuid.UUID,
    answers: Mapping[str, int],
    profile: Mapping[str, str],
    on: dt.date | None = None,
    require_open: bool = True,
) -> bool:
    """Put one respondent's checked IIT answers in the ballot box (durable when it returns).

    Returns False for a retry of a post already stored (nothing stored again). Raises
    :class:`TokenSpent` when the ballot already answered with another post, and
    :class:`CampaignNotOpen` when the campaign does not take answers today.
    """
    if campaign.instrument != Instrument.IIT:
        raise ValueError("the ballot box is for IIT answers")
    receipt = receipt_digest(ballot, submission_id)
    if SpentToken.objects.filter(digest=receipt).exists():
        return False
    if require_open and not campaign.is_open:
        raise CampaignNotOpen
    minimum = batch_minimum()
    try:
        with sqlite_writer(), transaction.atomic():
            SpentToken.objects.bulk_create(
                [SpentToken(digest=ballot.spent_digest), SpentToken(digest=receipt)]
            )
            PendingSheet.objects.create(
                campaign_id=campaign.pk,
                submitted_on=on or timezone.localdate(),
                answers=dict(answers),
                profile=dict(profile),
            )
            waiting = PendingSheet.objects.filter(campaign_id=campaign.pk).count()
            if waiting % minimum == 0:  # one task per batch's worth, not one per submission
                _schedule_flush(str(campaign.pk))
    except IntegrityError:
        if SpentToken.objects.filter(digest=receipt).exists():
            return False  # the same post committed concurrently
        raise TokenSpent from None
    return True


def _schedule_flush(campaign_id: str, *, everything: bool = False) -> None:
    from ..tasks import flush_ballot_box

    if flush_ballot_box.get_backend().supports_defer:
        flush_ballot_box.enqueue(campaign_id, everything)  # queued with this transaction
    else:
        transaction.on_commit(lambda: flush_ballot_box.enqueue(campaign_id, everything))


def ballot_box_flush(
    *, campaign_id: Any, everything: bool = False, rng: random.Random | None = None
) -> int:
    """Write a random batch of the campaign's waiting sheets as responses, in random order,
    with their tallies; returns how many were written.

    Unless ``everything``: nothing while fewer than the batch minimum wait; with fewer than three
    times the minimum, a coin decides whether to write now or let more arrive; the batch is a
    random selection of between the minimum and all of the waiting sheets. Workers on several
    servers may run it at once: each takes sheets the others have not locked.
    """
    rng = rng or _rng
    minimum = batch_minimum()
    _overwrite_deleted_rows()
    with sqlite_writer(), transaction.atomic():
        waiting = PendingSheet.objects.filter(campaign_id=campaign_id)
        if connection.features.has_select_for_update_skip_locked:
            waiting = waiting.select_for_update(skip_locked=True)
        sheets = list(waiting)
        count = len(sheets)
        if not count or (not everything and count < minimum):
            return 0
        if not everything and count < 3 * minimum and rng.random() < 0.5:
            return 0
        rng.shuffle(sheets)
        batch = sheets if everything else sheets[: rng.randint(minimum, count)]
        campaign = Campaign.objects.select_related("assessment__framework").get(pk=campaign_id)
        Response.objects.bulk_create(
            [
                Response(
                    campaign_id=campaign_id,
                    submission_id=uuid.uuid4(),  # random: nobody holds it
                    submitted_on=sheet.submitted_on,
                    source=Response.Source.WEB,
                    answers=sheet.answers,
                    profile=sheet.profile,
                )
                for sheet in batch
            ]
        )
        sheets_in = [{k: int(v) for k, v in s.answers.items()} for s in batch]
        tally_apply(
            assessment_id=campaign.assessment_id,
            instrument=campaign.instrument,
            counts=count_answers(sheets_in),
            respondents=len(batch),
            patterns=question_patterns(
                layout_for(campaign.assessment.framework.spec, campaign.instrument), sheets_in
            ),
        )
        PendingSheet.objects.filter(pk__in=[sheet.pk for sheet in batch]).delete()
    return len(batch)


def _overwrite_deleted_rows() -> None:
    """SQLite keeps deleted rows' bytes in free pages; make it zero the ballot box's."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete=ON")


def ballot_boxes_flush(*, closed_only: bool = False) -> dict[str, int]:
    """Every campaign with waiting sheets: closed ones written completely, open ones by the
    batch rule. For the ``survey_flush`` cron command; returns sheets written per campaign."""
    written: dict[str, int] = {}
    for campaign in Campaign.objects.filter(pk__in=PendingSheet.objects.values("campaign_id")):
        is_open = campaign.is_open
        if closed_only and is_open:
            continue
        written[str(campaign.pk)] = ballot_box_flush(
            campaign_id=campaign.pk, everything=not is_open
        )
    return written


def ballot_box_close(*, campaign: Campaign) -> None:
    """Write whatever waits once the campaign closes (inside the closing transaction)."""
    if PendingSheet.objects.filter(campaign_id=campaign.pk).exists():
        _schedule_flush(str(campaign.pk), everything=True)

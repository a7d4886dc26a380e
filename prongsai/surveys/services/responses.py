"""Storing answers: once, durably, with the scoring counters, in one transaction.

``response_submit`` takes no ``actor`` on purpose: answers are anonymous, and neither they nor
their arrival are written to the audit log (whose entries carry exact times). Paper-form imports
(``responses_import``) are done by a logged-in admin and are audited as a count.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from prongsai.assessments.services import assessment_touch_on_commit
from prongsai.core.audit import audit_record
from prongsai.core.statements import execute_all, insert_statement, row_exists
from prongsai.spreadsheets.headers import ColumnMatch, FieldSet
from prongsai.spreadsheets.services import column_mappings_remember

from ..answers import layout_for, question_patterns
from ..models import Campaign, Instrument, PaperImport, Response, SpentToken
from ..ratelimit import rate_prepare, rate_settle, rate_statements
from ..writelock import sqlite_writer
from .tallies import (
    count_answers,
    tally_apply,
    tally_change,
    tally_settle,
    tally_shard,
    tally_statements,
)


class CampaignNotOpen(Exception):
    """The campaign does not accept answers today (not open yet, or closed)."""


class TokenSpent(Exception):
    """The ballot or challenge sent with these answers was already used by another submission."""


@dataclass(frozen=True)
class RateRule:
    scope: str
    address: str
    limit: int


def response_exists(submission_id: uuid.UUID) -> bool:
    return row_exists(Response, submission_id=submission_id)


def response_submit(
    *,
    campaign: Campaign,
    submission_id: uuid.UUID,
    answers: Mapping[str, int],
    profile: Mapping[str, str],
    spend: Sequence[str] = (),
    rate: RateRule | None = None,
    source: str = Response.Source.WEB,
    on: dt.date | None = None,
    require_open: bool = True,
    known_new: bool = False,
) -> bool:
    """Store one respondent's checked answers. Returns False when this submission id was
    already stored (a retry: nothing is stored again, and the caller answers with success).

    ``spend``: digests of single-use tokens (ballot nonce, challenge) consumed with the answers;
    raises :class:`TokenSpent` when one was already used by a different submission. The response,
    the spent tokens, the rate counter and the scoring counters commit together or not at all.
    A campaign that is not open refuses answers (:class:`CampaignNotOpen`), except for a retry
    of one already stored, and for back-dated loading with ``require_open=False``.
    ``known_new``: the caller has just looked the id up itself (``response_exists``); a retry
    stored since is still recognised (its insert conflicts) and answered as one.
    """
    if campaign.instrument == Instrument.IIT:
        raise ValueError("IIT answers go through the ballot box (iit_answers_submit)")
    if not known_new and response_exists(submission_id):
        return False
    if require_open and not campaign.is_open:
        raise CampaignNotOpen
    # Every statement is built before the transaction (prongsai/core/statements.py: the ORM's
    # compiling was most of a submission's time), so the write lock — the whole database on
    # SQLite, the shared counter rows on PostgreSQL — is held only while they run. The rows only
    # this submission writes go first; the counters every submission shares (the address's rate
    # counter, then the tallies, in the same order for all, so no lock-order deadlocks) last,
    # just before the commit.
    inserts = [
        insert_statement(
            Response,
            {
                "id": uuid.uuid4(),
                "campaign": campaign.pk,
                "submission_id": submission_id,
                "submitted_on": on or timezone.localdate(),
                "source": source,
                "answers": dict(answers),
                "profile": dict(profile),
            },
        ),
        *(insert_statement(SpentToken, {"digest": digest}) for digest in spend),
    ]
    hit = (
        None
        if rate is None
        else rate_prepare(scope=rate.scope, address=rate.address, limit=rate.limit, spread=True)
    )
    # PostgreSQL, a request of its own (no outer transaction): the assessment's inputs version
    # is bumped right after the commit, in a short transaction of its own that does not wait
    # for the disk (``assessment_touch_on_commit``), instead of holding the assessment's row —
    # which every submission to it updates — locked until this commit's flush.
    touch_later = connection.vendor == "postgresql" and not connection.in_atomic_block
    tallies = tally_change(
        assessment_id=campaign.assessment_id,
        instrument=campaign.instrument,
        counts={(key, int(level)): 1 for key, level in answers.items()},
        respondents=1,
        patterns=question_patterns(
            layout_for(campaign.assessment.framework.spec, campaign.instrument),
            [{key: int(level) for key, level in answers.items()}],
        ),
        shard=tally_shard(),
    )
    counter = [] if hit is None else rate_statements(hit)
    statements = [*inserts, *counter, *tally_statements(tallies, touch=not touch_later)]
    try:
        with sqlite_writer(), transaction.atomic():
            if touch_later:  # registered first: it runs before the snapshot request's callback
                assessment_touch_on_commit(assessment_id=campaign.assessment_id)
            outcomes = execute_all(statements)  # PostgreSQL: one round trip
            if hit is not None:
                counted = [outcome.row for outcome in outcomes[len(inserts) : len(inserts) + 2]]
                assert counted[0] is not None
                total = counted[1] if hit.spread else None
                rate_settle(hit, int(counted[0][0]), None if total is None else int(total[0]))
            tally_settle(tallies)
    except IntegrityError:
        # Either the same submission committed concurrently (a retry raced the original: fine,
        # it is stored once) or a single-use token was replayed with different answers.
        if response_exists(submission_id):
            return False
        raise TokenSpent from None
    return True


def token_spent(digest: str) -> bool:
    return SpentToken.objects.filter(digest=digest).exists()


@dataclass(frozen=True)
class ImportRow:
    submission_id: uuid.UUID
    answers: Mapping[str, int]
    profile: Mapping[str, str]
    submitted_on: dt.date


@transaction.atomic
def responses_import(
    *,
    actor: Any,
    campaign: Campaign,
    rows: Iterable[ImportRow],
    source: str = Response.Source.PAPER,
    source_name: str = "",
    fingerprint: str = "",
    fieldset: FieldSet | None = None,
    columns: Sequence[ColumnMatch] = (),
) -> int:
    """Store checked paper-form rows, all or nothing, with one counter update.

    With the ``fingerprint`` of the file's normalised rows (``importing.plan_import`` computes
    it) the import is recorded, and raises IntegrityError (nothing stored) when the same forms
    were imported before — also when two people import them at the same moment — or when any
    row's submission id already exists. Column choices the user made for the file (``columns``)
    are remembered for the unit.
    """
    rows = list(rows)
    if fieldset is not None and columns:
        column_mappings_remember(
            actor=actor, unit=campaign.assessment.unit, fieldset=fieldset, columns=list(columns)
        )
    if fingerprint:
        PaperImport.objects.create(
            campaign=campaign,
            fingerprint=fingerprint,
            file_name=source_name[-200:],
            rows=len(rows),
            imported_at=timezone.now(),
            imported_by=_actor_name(actor),
        )
    random.SystemRandom().shuffle(rows)  # stored in an order that says nothing about the file's
    Response.objects.bulk_create(
        [
            Response(
                campaign=campaign,
                submission_id=row.submission_id,
                submitted_on=row.submitted_on,
                source=source,
                answers=dict(row.answers),
                profile=dict(row.profile),
            )
            for row in rows
        ],
        batch_size=500,
    )
    tally_apply(
        assessment_id=campaign.assessment_id,
        instrument=campaign.instrument,
        counts=count_answers(row.answers for row in rows),
        respondents=len(rows),
        patterns=question_patterns(
            layout_for(campaign.assessment.framework.spec, campaign.instrument),
            (row.answers for row in rows),
        ),
    )
    audit_record(
        actor=actor,
        action="survey.import",
        obj=campaign,
        unit_id=campaign.assessment.unit_id,
        changes={"instrument": campaign.instrument, "rows": len(rows), "file": source_name},
    )
    return len(rows)


def _actor_name(actor: Any) -> str:
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_username())[:200]
    return str(actor or "")[:200]

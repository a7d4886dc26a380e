"""IIT one-time access codes: batches, voiding, redemption."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record
from prongsai.core.encryption import encrypt

from ..models import AccessCode, Campaign, CodeBatch, Instrument
from ..ratelimit import rate_hit
from ..tokens import Ballot, ballot_issue, code_digest, code_new, code_normalise
from .responses import CampaignNotOpen

MAX_BATCH = 500  # slips for 500 codes take ~10 s to render; bigger units make several batches


@dataclass(frozen=True)
class NewBatch:
    batch: CodeBatch
    codes: list[str]  # plain codes: printed on the slips, kept only encrypted until then


@transaction.atomic
def code_batch_create(
    *, actor: Any, campaign: Campaign, count: int, on: dt.date | None = None
) -> NewBatch:
    """Generate ``count`` one-time codes (no names). Redemption uses their keyed hashes; the
    plain codes are kept encrypted until the slips are downloaded (``code_batch_slips_delivered``).
    ``on``: the batch's date when it is not today (loading past data)."""
    if campaign.instrument != Instrument.IIT:
        raise ValidationError(_("Access codes are for the IIT (staff) survey only."))
    if not 1 <= count <= MAX_BATCH:
        raise ValidationError(_("A batch has between 1 and %(max)s codes.") % {"max": MAX_BATCH})
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    number = (campaign.code_batches.aggregate(n=Max("number"))["n"] or 0) + 1
    batch = CodeBatch.objects.create(
        campaign=campaign, number=number, size=count, created_on=on or timezone.localdate()
    )
    codes: dict[str, str] = {}
    while len(codes) < count:
        for _i in range(count - len(codes)):
            code = code_new()
            codes[code_digest(code)] = code
        # A collision with an existing code is astronomically unlikely; drop and redraw anyway.
        for taken in AccessCode.objects.filter(digest__in=list(codes)).values_list(
            "digest", flat=True
        ):
            codes.pop(taken)
    AccessCode.objects.bulk_create(
        [AccessCode(batch=batch, digest=digest) for digest in codes], batch_size=500
    )
    batch.sealed_codes = encrypt(json.dumps(list(codes.values())).encode())
    batch.save(update_fields=["sealed_codes"])
    audit_record(
        actor=actor,
        action="survey.codes_generate",
        obj=batch,
        unit_id=campaign.assessment.unit_id,
        changes={"batch": number, "codes": count},
    )
    return NewBatch(batch=batch, codes=list(codes.values()))


@transaction.atomic
def code_batch_void(*, actor: Any, batch: CodeBatch) -> int:
    """Invalidate a batch's unused codes (e.g. slips lost). Returns how many were voided."""
    batch = CodeBatch.objects.select_for_update().get(pk=batch.pk)
    voided, _details = AccessCode.objects.filter(batch=batch).delete()
    batch.sealed_codes = None  # nothing of this batch is worth printing any more
    batch.voided += voided
    batch.save(update_fields=["voided", "sealed_codes"])
    if voided:
        audit_record(
            actor=actor,
            action="survey.codes_void",
            obj=batch,
            unit_id=batch.campaign.assessment.unit_id,
            changes={"batch": batch.number, "voided": voided},
        )
    return voided


@transaction.atomic
def code_batch_slips_delivered(*, actor: Any, batch: CodeBatch) -> None:
    """The slips were downloaded whole: destroy the plain codes (their hashes stay)."""
    batch = CodeBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.sealed_codes is None:
        return
    batch.sealed_codes = None
    batch.slips_downloaded_on = timezone.localdate()
    batch.save(update_fields=["sealed_codes", "slips_downloaded_on"])
    audit_record(
        actor=actor,
        action="survey.codes_printed",
        obj=batch,
        unit_id=batch.campaign.assessment.unit_id,
        changes={"batch": batch.number},
    )


class CodeRejected(Exception):
    """Unknown code, a code of another survey, or a code already used."""


def code_redeem(
    *, campaign: Campaign, code: str, address: str, require_open: bool = True
) -> Ballot:
    """Use up a code and hand back a ballot for one set of answers.

    Its own transaction, deliberately: the code's row is deleted here and the answers arrive
    later in another transaction with only the ballot, so nothing stored links the two. Not
    audited (an audit entry would time-stamp the code's use). Attempts per address are
    rate-limited (guessing), and wrong attempts count too.
    """
    if require_open and not campaign.is_open:
        raise CampaignNotOpen
    normalised = code_normalise(code)
    with transaction.atomic():
        rate_hit(scope="code", address=address, limit=settings.SURVEY_CODE_ATTEMPTS_PER_MINUTE)
        deleted = 0
        if 6 <= len(normalised) <= 20:
            deleted, _details = AccessCode.objects.filter(
                digest=code_digest(normalised), batch__campaign=campaign
            ).delete()
    if not deleted:
        raise CodeRejected
    return ballot_issue(campaign.pk)

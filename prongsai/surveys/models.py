"""IIT / EIT survey data.

``AnswerTally`` and ``RespondentTally`` are the per-assessment counters the scoring engine reads:
how many answers each level of each answer key received. They are updated in the same transaction
as each stored response, so scoring never has to scan individual responses.

Anonymity (DESIGN.md §6) is a property of this schema, proven by
tests/surveys/test_stored_answers_cannot_be_linked_to_a_code.py:

* ``Response`` carries no code, code id, user, IP, session or time of day: only the day it was
  stored, a random primary key and the client's random submission id (the idempotency key).
* An IIT access code is stored only as a keyed hash, and is *deleted* when it is redeemed, in a
  transaction of its own that hands the browser a signed ballot (nothing about the ballot is
  stored). The answers arrive later with the ballot; only a hash of the ballot's random nonce is
  kept (``SpentToken``), so a ballot answers once. No row, column or transaction links the two.
* Neither redeeming a code nor storing a response is written to the audit log (whose entries carry
  exact times); only code generation and campaign changes are.
* IIT answers do not reach ``Response`` in the order they arrived: they wait in the ballot box
  (``PendingSheet``) and are written in random batches, in random order (services/ballot_box.py);
  the respondent gets no receipt (no submission id is stored with the answers or sent back), and
  the IIT pages' access-log lines carry neither address nor time (config/gunicorn.conf.py).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.assessments.models import Assessment


class Instrument(models.TextChoices):
    IIT = "IIT", _("IIT (staff)")
    EIT = "EIT", _("EIT (service users)")


class CampaignState(models.TextChoices):
    NOT_OPEN = "not_open", pgettext_lazy("survey campaign state", "Not open yet")
    OPEN = "open", pgettext_lazy("survey campaign state", "Open")
    CLOSED = "closed", pgettext_lazy("survey campaign state", "Closed")


class Campaign(models.Model):
    """Collection of one instrument's answers for one assessment (unit × year)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="survey_campaigns"
    )
    instrument = models.CharField(max_length=3, choices=Instrument.choices)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("Last day answers are accepted.")
    )
    # "Close now": closed whatever the dates say, until an admin opens it again.
    closed_early = models.BooleanField(_("closed by an admin"), default=False)
    target_override = models.PositiveIntegerField(_("target (override)"), null=True, blank=True)
    target_override_reason = models.TextField(_("reason for the override"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument"], name="campaign_assessment_instrument"
            )
        ]
        ordering = ["assessment", "instrument"]
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")

    def __str__(self) -> str:
        return f"{self.assessment} {self.instrument}"

    def state_on(self, day: dt.date) -> CampaignState:
        if self.closed_early:
            return CampaignState.CLOSED
        if self.opens_on is None or day < self.opens_on:
            return CampaignState.NOT_OPEN
        if self.closes_on is not None and day > self.closes_on:
            return CampaignState.CLOSED
        return CampaignState.OPEN

    @property
    def state(self) -> CampaignState:
        return self.state_on(timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.state == CampaignState.OPEN

    @property
    def computed_target(self) -> int | None:
        """Minimum respondents from the headcount by the framework's sample rule."""
        return self.assessment.target(self.instrument)

    @property
    def target(self) -> int | None:
        if self.target_override is not None:
            return self.target_override
        return self.computed_target


class CodeBatch(models.Model):
    """A batch of one-time IIT access codes, one per staff member, without names.

    Redemption needs only the codes' keyed hashes (``AccessCode``). The plain codes exist only
    to be printed: they are kept encrypted (``sealed_codes``, core/encryption.py) until the
    batch's slips PDF has been downloaded once, then destroyed, so a slips render that fails
    loses nothing. Used = size − codes still stored − voided.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="code_batches")
    number = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    voided = models.PositiveIntegerField(default=0)
    created_on = models.DateField(default=timezone.localdate)
    # Fernet token of the JSON list of plain codes; None once the slips were downloaded.
    sealed_codes = models.BinaryField(null=True, blank=True, editable=False)
    slips_downloaded_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="code_batch_number")
        ]
        ordering = ["campaign", "number"]
        verbose_name = _("code batch")
        verbose_name_plural = _("code batches")

    def __str__(self) -> str:
        return f"{self.campaign} batch {self.number}"


class AccessCode(models.Model):
    """An unused one-time code (keyed hash only). Redeeming a code deletes its row."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"code {self.digest[:8]}…"


class SpentToken(models.Model):
    """Hash of a single-use token already consumed: an IIT ballot's nonce, or an EIT anti-bot
    challenge. Nothing else: no time, no link to the response it came with."""

    digest = models.CharField(max_length=64, primary_key=True)

    def __str__(self) -> str:
        return self.digest[:12]


class Response(models.Model):
    """One respondent's answers. Deliberately minimal; see the module docstring."""

    class Source(models.TextChoices):
        WEB = "web", _("Online")
        PAPER = "paper", _("Paper form (keyed in)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    # Generated for the form (or the file row) and sent back with it: a retried submission
    # carries the same id and is stored once.
    submission_id = models.UUIDField(unique=True)
    submitted_on = models.DateField()  # the day only, never the time
    source = models.CharField(max_length=5, choices=Source.choices, default=Source.WEB)
    answers = models.JSONField(default=dict)  # answer key → scale level value
    profile = models.JSONField(default=dict, blank=True)  # profile question id → option value

    class Meta:
        indexes = [models.Index(fields=["campaign", "submitted_on"], name="response_campaign_day")]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.campaign} response"


class PendingSheet(models.Model):
    """An acknowledged IIT answer sheet in the ballot box, not yet written among the others.

    The 2xx a respondent sees means this row is committed: it is durable. It carries nothing
    linkable (a random key, the campaign, the day, the answers) and waits until enough others
    have arrived; then a task writes a random selection of them, in random order, as
    ``Response`` rows and counts them in the tallies in one transaction (services/ballot_box.py).
    So neither the physical order of the stored answers (SQLite rowid, PostgreSQL heap order)
    nor their transaction ids (PostgreSQL ``xmin``) follow the order people answered in.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    submitted_on = models.DateField()  # the day only, never the time
    answers = models.JSONField(default=dict)
    profile = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("IIT answer sheet in the ballot box")
        verbose_name_plural = _("IIT answer sheets in the ballot box")

    def __str__(self) -> str:
        return f"{self.campaign} sheet in the ballot box"


class PaperImport(models.Model):
    """One file of keyed-in paper forms, imported: so the same forms are never imported twice.

    ``fingerprint`` is a hash of the file's *normalised* rows (answers as scale values, profile
    options, day; in any order), so a file saved again — CRLF, a byte-order mark, a trailing blank
    line, XLSX instead of CSV, labels instead of values — has the same fingerprint. Nothing here
    points at the responses the file created (their ids are random), nor at the people who filled
    the forms.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="paper_imports")
    fingerprint = models.CharField(max_length=64)
    file_name = models.CharField(max_length=200, blank=True)
    rows = models.PositiveIntegerField()
    imported_at = models.DateTimeField()
    imported_by = models.CharField(max_length=200, blank=True)  # the importer's user name

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "fingerprint"], name="paper_import_campaign_fingerprint"
            )
        ]
        verbose_name = _("paper-form import")
        verbose_name_plural = _("paper-form imports")

    def __str__(self) -> str:
        return f"{self.campaign} {self.file_name}"


class RateCounter(models.Model):
    """Submissions per client address per minute, for the per-IP rate limit.

    ``digest`` is a keyed hash of (scope, minute, address): raw addresses are never stored, and
    rows of past minutes are deleted as new minutes start.
    """

    digest = models.CharField(max_length=64)
    minute = models.PositiveBigIntegerField()  # minutes since the epoch
    # The EIT path spreads an address's hits over a few rows (ratelimit.py: concurrent
    # submissions do not queue on one row lock); every other limit uses shard 0.
    shard = models.SmallIntegerField(default=0)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "surveys_ratecounter"  # named in ratelimit.py's upsert
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "minute", "shard"], name="rate_digest_minute_shard"
            )
        ]
        indexes = [models.Index(fields=["minute"], name="rate_minute")]

    def __str__(self) -> str:
        return f"{self.digest[:8]}@{self.minute}: {self.hits}"


class AnswerTally(models.Model):
    """How many answers a level of an answer key received: the sum of its shards' rows.

    A web submission counts into one shard chosen at random (services/tallies.py), so that
    concurrent submissions to one assessment on PostgreSQL do not wait for each other's commit
    on the same rows; readers add the shards up (at most ``TALLY_SHARDS`` rows per counter).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=3)
    key = models.CharField(max_length=40)  # sub-item id (or question id without sub-items)
    level = models.SmallIntegerField()  # the scale level's value
    shard = models.SmallIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "surveys_answertally"  # named in services/tallies.py's upsert
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument", "key", "level", "shard"],
                name="answer_tally_unique_shard",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.key}={self.level}: {self.count}"


class RespondentTally(models.Model):
    """Respondents of an instrument: the sum of its shards' rows (see ``AnswerTally``)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=3)
    shard = models.SmallIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "surveys_respondenttally"  # named in services/tallies.py's upsert
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument", "shard"], name="respondent_tally_unique_shard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument}: {self.count}"


class PartialTally(models.Model):
    """Respondents who left some, but not all, of a question's sub-items blank, per pattern.

    ``pattern`` is their answers to the question's sub-items in the framework's order, levels
    separated by commas, blank for a sub-item left unanswered (``"4,,2"``). With the answer
    counts this is all a respondent-first aggregation needs (scoring/calculator.py); respondents
    who answered every sub-item need no row. Nothing else: no day, no other question.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=3)
    question = models.CharField(max_length=40)
    pattern = models.CharField(max_length=200)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "surveys_partialtally"  # named in services/tallies.py's upsert
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument", "question", "pattern"],
                name="partial_tally_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.question} [{self.pattern}]: {self.count}"

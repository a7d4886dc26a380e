"""Reads for surveys."""

from __future__ import annotations

import copy
import datetime as dt
import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from prongsai.assessments.models import Assessment
from prongsai.core.encryption import decrypt

from .answers import layout_for, question_patterns
from .models import (
    AccessCode,
    AnswerTally,
    Campaign,
    CampaignState,
    CodeBatch,
    Instrument,
    PartialTally,
    PendingSheet,
    RespondentTally,
    Response,
)
from .tokens import code_digest


def survey_tallies(assessment: Assessment) -> dict[str, dict[str, Any]]:
    """``{"IIT": {"respondents": 12, "counts": {"i1.1": {4: 10, 3: 2}, …}}, "EIT": …}``.

    Plain dicts (the scoring app turns them into its own input types).
    """
    out: dict[str, dict[str, Any]] = {}
    for instrument, count in RespondentTally.objects.filter(assessment=assessment).values_list(
        "instrument", "count"
    ):  # a counter's shards add up
        out.setdefault(instrument, {"respondents": 0, "counts": {}})["respondents"] += count
    counts: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for instrument, key, level, count in AnswerTally.objects.filter(
        assessment=assessment
    ).values_list("instrument", "key", "level", "count"):
        levels = counts[instrument][key]
        levels[level] = levels.get(level, 0) + count
    for instrument, by_key in counts.items():
        out.setdefault(instrument, {"respondents": 0, "counts": {}})["counts"] = {
            key: dict(levels) for key, levels in by_key.items()
        }
    return out


# Public survey links are hit hard (benchmarks: hundreds per second): keep the campaign with its
# unit and framework per process for a minute, and read only its dates and state fresh each time.
_PUBLIC_TTL = 60.0
_PUBLIC: dict[tuple[str, int, str], tuple[float, Campaign]] = {}


_STATE_FIELDS = ("opens_on", "closes_on", "closed_early", "target_override")


def _campaign_state(pk: Any) -> dict[str, Any] | None:
    """A campaign's dates and open/closed state, read with one prepared statement (the ORM's
    ``.values(…).first()`` cost more than the rest of the lookup, and joined the assessment
    for its default ordering)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in _STATE_FIELDS)  # the fields' own column names
    sql = f"SELECT {columns} FROM {quote(Campaign._meta.db_table)} WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [Campaign._meta.get_field("id").get_db_prep_value(pk, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    opens_on, closes_on, closed_early, target_override = row
    return {
        "opens_on": _as_date(opens_on),
        "closes_on": _as_date(closes_on),
        "closed_early": bool(closed_early),
        "target_override": target_override,
    }


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def public_campaign(slug: str, year: int, instrument: str) -> Campaign:
    """The campaign behind a public survey link. Its dates and open/closed state are always read
    fresh; the unit, assessment and framework may be up to a minute old in this process."""
    key = (slug, year, instrument)
    cached = _PUBLIC.get(key)
    if cached is not None and time.monotonic() - cached[0] < _PUBLIC_TTL:
        state = _campaign_state(cached[1].pk)
        if state is not None:
            fresh = copy.copy(cached[1])
            for name, value in state.items():
                setattr(fresh, name, value)
            return fresh
    campaign = (
        Campaign.objects.filter(
            assessment__unit__slug=slug,
            assessment__unit__is_active=True,
            assessment__year=year,
            instrument=instrument,
        )
        .select_related("assessment__unit", "assessment__framework")
        .defer("assessment__framework__definition")
        .first()
    )
    if campaign is None:
        _PUBLIC.pop(key, None)
        raise Http404("No such survey")
    if len(_PUBLIC) > 5000:
        _PUBLIC.clear()
    _PUBLIC[key] = (time.monotonic(), campaign)
    return copy.copy(campaign)


def campaigns_of(assessment: Assessment) -> dict[str, Campaign]:
    return {
        c.instrument: c
        for c in Campaign.objects.filter(assessment=assessment).select_related(
            "assessment__framework", "assessment__unit"
        )
    }


def campaign_of(assessment: Assessment, instrument: str) -> Campaign:
    campaign = (
        Campaign.objects.filter(assessment=assessment, instrument=instrument)
        .select_related("assessment__framework", "assessment__unit")
        .first()
    )
    if campaign is None:
        raise Http404("No campaign for this instrument")
    return campaign


def respondent_count(campaign: Campaign) -> int:
    """What the scoring engine counts (kept in step with the stored responses)."""
    return _respondents(campaign.assessment_id, campaign.instrument)


def _respondents(assessment_id: Any, instrument: str) -> int:
    """The respondent counter: the sum of its shards' rows."""
    return sum(
        RespondentTally.objects.filter(
            assessment_id=assessment_id, instrument=instrument
        ).values_list("count", flat=True)
    )


def waiting_sheets(assessment: Assessment) -> dict[str, int]:
    """IIT answer sheets received but still in the ballot box (not yet in the tallies)."""
    return dict(
        PendingSheet.objects.filter(campaign__assessment=assessment)
        .values_list("campaign__instrument")
        .annotate(n=Count("id"))
        .values_list("campaign__instrument", "n")
        .order_by()
    )


@dataclass(frozen=True)
class Bar:
    day: dt.date
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class DaySeries:
    """Responses per day of one instrument, with the geometry of a small SVG bar chart."""

    instrument: str
    days: list[tuple[dt.date, int]] = field(default_factory=list)  # days with answers only
    width: int = 600
    height: int = 80

    @property
    def total(self) -> int:
        return sum(count for _day, count in self.days)

    @property
    def peak(self) -> int:
        return max((count for _day, count in self.days), default=0)

    @property
    def first(self) -> dt.date | None:
        return self.days[0][0] if self.days else None

    @property
    def last(self) -> dt.date | None:
        return self.days[-1][0] if self.days else None

    @property
    def bars(self) -> list[Bar]:
        """One slot per calendar day from the first to the last day with answers."""
        if not self.days or self.first is None or self.last is None:
            return []
        span = (self.last - self.first).days + 1
        slot = self.width / span
        peak = self.peak or 1
        out = []
        for day, count in self.days:
            height = max(1.0, self.height * count / peak)
            out.append(
                Bar(
                    day=day,
                    count=count,
                    x=round((day - self.first).days * slot + slot * 0.1, 2),
                    y=round(self.height - height, 2),
                    width=round(max(slot * 0.8, 0.5), 2),
                    height=round(height, 2),
                )
            )
        return out


def answer_sheets_until(assessment: Assessment, day: dt.date) -> dict[str, list[dict[str, int]]]:
    """Every stored answer sheet submitted on or before ``day``, per instrument (answer key →
    level value): the survey as it stood that day, for a report's cut-off."""
    out: dict[str, list[dict[str, int]]] = {instrument: [] for instrument in Instrument.values}
    rows = (
        Response.objects.filter(campaign__assessment=assessment, submitted_on__lte=day)
        .values_list("campaign__instrument", "answers")
        .order_by()
    )
    for instrument, answers in rows.iterator(chunk_size=2000):
        out.setdefault(instrument, []).append(
            {str(key): int(level) for key, level in (answers or {}).items()}
        )
    return out


def responses_per_day(assessment: Assessment) -> dict[str, DaySeries]:
    """``{"IIT": DaySeries, "EIT": DaySeries}`` (only days with answers are listed)."""
    out = {instrument: DaySeries(instrument=instrument) for instrument in Instrument.values}
    rows = (
        Response.objects.filter(campaign__assessment=assessment)
        .values_list("campaign__instrument", "submitted_on")
        .annotate(n=Count("id"))
        .order_by("campaign__instrument", "submitted_on")
    )
    by_day: dict[tuple[str, dt.date], int] = Counter()
    for instrument, day, count in rows:
        by_day[(instrument, day)] += count
    waiting = (
        PendingSheet.objects.filter(campaign__assessment=assessment)
        .values_list("campaign__instrument", "submitted_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    for instrument, day, count in waiting:  # IIT sheets in the ballot box count as received
        by_day[(instrument, day)] += count
    for (instrument, day), count in sorted(by_day.items()):
        out.setdefault(instrument, DaySeries(instrument=instrument)).days.append((day, count))
    return out


@dataclass(frozen=True)
class BatchRow:
    batch: CodeBatch
    unused: int
    sealed: bool = False  # its slips were never downloaded: the codes wait, encrypted

    @property
    def used(self) -> int:
        return self.batch.size - self.unused - self.batch.voided


def code_batches(campaign: Campaign) -> list[BatchRow]:
    batches = (
        CodeBatch.objects.filter(campaign=campaign)
        .defer("sealed_codes")
        .annotate(
            unused=Count("codes"),
            sealed=ExpressionWrapper(Q(sealed_codes__isnull=False), output_field=BooleanField()),
        )
    )
    return [BatchRow(batch=b, unused=b.unused, sealed=b.sealed) for b in batches.order_by("number")]


def responses_for_export(campaign: Campaign) -> QuerySet[Response]:
    """Every stored response, in an order that says nothing about when or how each arrived."""
    return Response.objects.filter(campaign=campaign).order_by("id")


@dataclass
class CampaignCard:
    """What the survey overview shows for one campaign."""

    campaign: Campaign
    count: int
    per_day: DaySeries
    batches: list[BatchRow] = field(default_factory=list)

    @property
    def target(self) -> int | None:
        return self.campaign.target

    @property
    def title(self) -> Any:
        """The framework's title of the instrument (a th/en ``Text``)."""
        spec = self.campaign.assessment.framework.spec
        instrument = spec.instrument_by_id.get(self.campaign.instrument)
        return instrument.title if instrument else self.campaign.instrument

    @property
    def state_badge(self) -> str:
        return {
            CampaignState.OPEN: "badge-ok",
            CampaignState.CLOSED: "badge-info",
        }.get(self.campaign.state, "badge-warn")

    @property
    def percent(self) -> float | None:
        if not self.target:
            return None
        return 100.0 * self.count / self.target

    @property
    def enough(self) -> bool:
        return self.target is not None and self.count >= self.target

    @property
    def codes_unused(self) -> int:
        return sum(row.unused for row in self.batches)

    @property
    def codes_used(self) -> int:
        return sum(row.used for row in self.batches)


def campaign_cards(assessment: Assessment) -> list[CampaignCard]:
    campaigns = campaigns_of(assessment)
    counts: Counter[str] = Counter()
    for instrument, count in RespondentTally.objects.filter(assessment=assessment).values_list(
        "instrument", "count"
    ):  # a counter's shards add up
        counts[instrument] += count
    counts.update(waiting_sheets(assessment))
    per_day = responses_per_day(assessment)
    cards = []
    for instrument in Instrument.values:
        campaign = campaigns.get(instrument)
        if campaign is None:
            continue
        cards.append(
            CampaignCard(
                campaign=campaign,
                count=counts.get(instrument, 0),
                per_day=per_day.get(instrument, DaySeries(instrument=instrument)),
                batches=code_batches(campaign) if instrument == Instrument.IIT else [],
            )
        )
    return cards


@dataclass
class Drift:
    """The scoring counters of one instrument against a recount of the stored responses."""

    counted: int  # respondents according to the counters
    rows: int  # stored responses
    counts: Counter[tuple[str, int]]  # recounted answers per (key, level)
    wrong_answer_counters: int  # counters (key × level) that differ from the recount
    # recounted partly answered questions per (question, pattern)
    patterns: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return self.counted != self.rows or self.wrong_answer_counters > 0


def tally_drift(assessment: Assessment, instrument: str) -> Drift:
    counted = _respondents(assessment.pk, instrument)
    counts: Counter[tuple[str, int]] = Counter()
    patterns: Counter[tuple[str, str]] = Counter()
    layout = layout_for(assessment.framework.spec, instrument)
    rows = 0
    sheets = Response.objects.filter(
        campaign__assessment=assessment, campaign__instrument=instrument
    ).values_list("answers", flat=True)
    for sheet in sheets.iterator(chunk_size=2000):
        rows += 1
        answers = {key: int(level) for key, level in sheet.items()}
        counts.update(answers.items())
        patterns.update(question_patterns(layout, [answers]))
    stored: Counter[tuple[str, int]] = Counter()
    for key, level, count in AnswerTally.objects.filter(
        assessment=assessment, instrument=instrument
    ).values_list("key", "level", "count"):  # a counter's shards add up
        stored[(key, level)] += count
    wrong = sum(1 for pair in set(stored) | set(counts) if stored.get(pair, 0) != counts[pair])
    stored_patterns = {
        (question, pattern): count
        for question, pattern, count in PartialTally.objects.filter(
            assessment=assessment, instrument=instrument
        ).values_list("question", "pattern", "count")
    }
    wrong += sum(
        1
        for pair in set(stored_patterns) | set(patterns)
        if stored_patterns.get(pair, 0) != patterns[pair]
    )
    return Drift(
        counted=counted, rows=rows, counts=counts, wrong_answer_counters=wrong, patterns=patterns
    )


def survey_targets(assessment: Assessment) -> dict[str, int | None]:
    """The target in force per instrument: an admin's override (with its recorded reason) or the
    framework's rule from the headcount. For the scoring engine's respondents figures."""
    return {c.instrument: c.target for c in campaigns_of(assessment).values()}


def survey_target_overrides(assessment_ids: Iterable[Any]) -> dict[Any, dict[str, int]]:
    """Targets set by hand per assessment and instrument (the rest follow the framework's rule
    from the headcount). One query, for scoring one assessment or thousands."""
    out: dict[Any, dict[str, int]] = {}
    rows = Campaign.objects.filter(
        assessment_id__in=list(assessment_ids), target_override__isnull=False
    ).values_list("assessment_id", "instrument", "target_override")
    for assessment_id, instrument, target in rows:
        if target is not None:
            out.setdefault(assessment_id, {})[instrument] = target
    return out


def sealed_codes_to_print(batch: CodeBatch) -> list[str] | None:
    """The batch's codes that still work, for its slips; None once they were destroyed."""
    if batch.sealed_codes is None:
        return None
    codes: list[str] = json.loads(decrypt(bytes(batch.sealed_codes)))
    unused = set(
        AccessCode.objects.filter(
            batch=batch, digest__in=[code_digest(c) for c in codes]
        ).values_list("digest", flat=True)
    )
    return [code for code in codes if code_digest(code) in unused]


@dataclass(frozen=True)
class SurveyProgress:
    """One campaign's count and target, as its survey card shows them (count includes the
    IIT sheets still in the ballot box)."""

    count: int
    target: int | None

    @property
    def below_target(self) -> bool:
        return self.target is not None and self.count < self.target


def survey_progress_many(assessments: Iterable[Assessment]) -> dict[Any, dict[str, SurveyProgress]]:
    """Per assessment and instrument, count / target: three queries for any number of
    assessments (their frameworks must be loaded: ``select_related("framework")`` or set)."""
    by_pk = {a.pk: a for a in assessments}
    ids = list(by_pk)
    counts: dict[Any, Counter[str]] = defaultdict(Counter)
    for assessment_id, instrument, count in RespondentTally.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "instrument", "count"):
        counts[assessment_id][instrument] += count
    for assessment_id, instrument, n in (
        PendingSheet.objects.filter(campaign__assessment_id__in=ids)
        .values_list("campaign__assessment_id", "campaign__instrument")
        .annotate(n=Count("id"))
        .values_list("campaign__assessment_id", "campaign__instrument", "n")
        .order_by()
    ):
        counts[assessment_id][instrument] += n
    out: dict[Any, dict[str, SurveyProgress]] = {pk: {} for pk in ids}
    for assessment_id, instrument, override in Campaign.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "instrument", "target_override"):
        assessment = by_pk[assessment_id]
        target = override if override is not None else assessment.target(instrument)
        out[assessment_id][instrument] = SurveyProgress(
            count=counts[assessment_id][instrument], target=target
        )
    return out

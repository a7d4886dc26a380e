"""Reads for OIT disclosures.

Interface used by scoring and reports (keep the signatures stable):

* ``oit_scoring_inputs(assessment)`` → evaluator results per item + items with evidence;
* ``oit_item_summaries(assessment)`` → one summary per framework item, for reports and exports;
* ``item_states_as_of(assessment, when)`` → every item's state and released result as they stood
  at a moment or at the end of a day (reports computed as of their cut-off date).

The other reads serve the workspace, the evaluator console and the public pages. None of the
reads used by unit or public pages, reports or scoring touches :class:`PrivateNote` or the
evaluator's draft (:class:`ReviewDraft`); only ``private_notes_for`` and ``review_draft_for`` do,
and only the evaluator's review screen calls them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.core.bulk_reads import id_lookup, id_text, raw_rows
from prongsai.core.models import AuditEntry
from prongsai.core.site import absolute_url, unit_public_url
from prongsai.frameworks.models import Criterion, Indicator, Item, SubIndicator
from prongsai.frameworks.periods import ResolvedPeriod

from .models import (
    CriterionDraft,
    CriterionWork,
    Evidence,
    ItemResult,
    ItemTransition,
    ItemWork,
    PrivateNote,
    ReviewDraft,
    StoredFile,
    WorkState,
)

AUDIT_TYPE = "disclosures.itemwork"


# ---- the stable interface ------------------------------------------------------------------
def oit_scoring_inputs(assessment: Assessment) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Evaluator results per item and the items that have evidence.

    Returns ``({item_code: {"criteria": {criterion_code: "pass"|"fail"|"conditional"},
    "decision": None | "pass" | "fail" | "conditional"}}, {item codes with published evidence})``.
    Only released results are in the first mapping (round one once the item was returned, the
    final result once completed); a review still being written is a ``ReviewDraft``, which this
    never reads, so it does not count.
    """
    return oit_scoring_inputs_many([assessment.pk])[assessment.pk]


@dataclass(frozen=True)
class OitItemSummary:
    code: str  # "O1"
    stable_id: str  # "ita-2567-police:O1"
    title_th: str
    title_en: str
    indicator: str  # "9"
    sub_indicator: str  # "9.1.1"
    state: str  # workflow state code, e.g. "draft", "submitted", "accepted"
    state_label: str  # the state in the UI language
    result: str | None  # "pass" / "fail" once reviewed, else None
    public_url: str  # absolute URL of the item's public page
    evidence_urls: list[str] = field(default_factory=list)  # links and file URLs, public
    period_start: dt.date | None = None  # what the published evidence covers (else the item's)
    period_end: dt.date | None = None
    result_label: str = ""  # the result in the UI language ("" while not reviewed)
    evidence_count: int = 0  # published evidence
    owner: str = ""  # the unit member responsible for the item
    answer_text: str = ""  # the unit's answer ("ตอบคำถาม")
    review_comment: str = ""  # the evaluator's overall comment, once released


@dataclass(frozen=True)
class ItemStateAsOf:
    """One item as it stood at a moment (from the transition log, ``ItemTransition``)."""

    code: str  # "O1"
    state: str  # workflow state code, "draft" when nothing had happened yet
    round: int  # review round of the last move (1 or 2)
    result: str  # "pass" / "fail" released by then, "" when no review was released yet
    # What the released result follows from: {criterion code: result}, or {"": decision}.
    criteria: dict[str, str] = field(default_factory=dict)
    since: dt.datetime | None = None  # when the item entered ``state`` (None: never moved)

    @property
    def released(self) -> bool:
        return bool(self.result)

    @property
    def state_label(self) -> str:
        return str(WorkState(self.state).label)

    @property
    def result_label(self) -> str:
        return str(ItemResult(self.result).label) if self.result else ""


def moment_of(when: dt.date | dt.datetime) -> dt.datetime:
    """The first instant *after* ``when``: a date means through the end of that day (in the
    site's time zone, Thai time); a naive datetime is read in that time zone too."""
    if isinstance(when, dt.datetime):
        moment = when if timezone.is_aware(when) else timezone.make_aware(when)
        return moment + dt.timedelta(microseconds=1)
    return timezone.make_aware(dt.datetime.combine(when + dt.timedelta(days=1), dt.time.min))


def item_states_as_of(
    assessment: Assessment, when: dt.date | dt.datetime
) -> dict[str, ItemStateAsOf]:
    """Every framework item of the assessment (in framework order) with its workflow state and
    the evaluator's *released* result as they stood at ``when`` (a date: at the end of that day,
    Thai time). A draft review never appears here: only moves that released a result do.
    Two queries, whatever the number of items."""
    before = moment_of(when)
    codes = list(
        Item.objects.filter(framework_id=assessment.framework_id)
        .order_by("position")
        .values_list("code", flat=True)
    )
    out = {
        code: ItemStateAsOf(code=code, state=WorkState.DRAFT, round=1, result="") for code in codes
    }
    moves = (
        ItemTransition.objects.filter(assessment=assessment, at__lt=before)
        .order_by("at", "id")
        .values_list("item__code", "to_state", "round", "result", "criteria", "at")
    )
    for code, state, round_, result, criteria, at in moves:
        if code in out:
            out[code] = ItemStateAsOf(
                code=code,
                state=state,
                round=round_,
                result=result,
                criteria=dict(criteria or {}),
                since=at,
            )
    return out


def site_url(path: str) -> str:
    return absolute_url(path)


def public_item_url(unit_slug: str, year: int, code: str) -> str:
    """Absolute URL of an item's public page (``portal:oit_item``), on this site (prongsai/core/site.py)."""
    try:
        path = reverse("portal:oit_item", kwargs={"slug": unit_slug, "year": year, "code": code})
    except NoReverseMatch:
        path = f"/p/{unit_slug}/{year}/oit/{code}/"
    return unit_public_url(unit_slug, path)


def public_index_url(unit_slug: str, year: int) -> str:
    return site_url(reverse("portal:oit_index", kwargs={"slug": unit_slug, "year": year}))


def file_path(file_id: Any, *, inline: bool = False) -> str:
    path = reverse("portal:oit_file", kwargs={"stored_file_id": file_id})
    return path + "?inline=1" if inline else path


def page_path(unit_slug: str, year: int, code: str, evidence_id: Any) -> str:
    return reverse(
        "portal:oit_page",
        kwargs={"slug": unit_slug, "year": year, "code": code, "evidence_id": evidence_id},
    )


def evidence_public_url(evidence: Evidence, unit_slug: str, year: int, code: str) -> str:
    """Where the public finds one piece of evidence (absolute)."""
    if evidence.kind == Evidence.Kind.LINK:
        return evidence.url
    if evidence.kind == Evidence.Kind.FILE:
        return site_url(file_path(evidence.file_id))
    if evidence.kind == Evidence.Kind.STATEMENT:  # shown as a sentence on the item's page
        return public_item_url(unit_slug, year, code)
    return site_url(page_path(unit_slug, year, code, evidence.pk))


def _period(
    evidence: list[Evidence], period: ResolvedPeriod | None
) -> tuple[dt.date | None, dt.date | None]:
    """What the published evidence covers, else the item's data period for the assessment."""
    starts = [e.period_start for e in evidence if e.period_start]
    ends = [e.period_end for e in evidence if e.period_end]
    if starts or ends:
        return (min(starts) if starts else None, max(ends) if ends else None)
    return (period.start, period.end) if period else (None, None)


def oit_item_summaries(assessment: Assessment) -> list[OitItemSummary]:
    unit_slug, year = assessment.unit.slug, assessment.year
    periods = assessment.framework.spec.item_periods_for(year)
    items = (
        Item.objects.filter(framework=assessment.framework)
        .select_related("indicator", "sub_indicator")
        .order_by("position")
    )
    works = {
        w.item_id: w
        for w in ItemWork.objects.filter(assessment=assessment)
        .select_related("owner")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.filter(is_published=True)))
    }
    out = []
    for item in items:
        work = works.get(item.pk)
        published = list(work.evidence.all()) if work else []
        state = work.state if work else WorkState.DRAFT
        result = (work.result or None) if work and work.review_released else None
        start, end = _period(published, periods.get(item.code))
        out.append(
            OitItemSummary(
                code=item.code,
                stable_id=item.stable_id,
                title_th=item.title_th,
                title_en=item.title_en,
                indicator=item.indicator.code,
                sub_indicator=item.sub_indicator.code,
                state=state,
                state_label=str(WorkState(state).label),
                result=result,
                public_url=public_item_url(unit_slug, year, item.code),
                evidence_urls=[
                    evidence_public_url(e, unit_slug, year, item.code) for e in published
                ],
                period_start=start,
                period_end=end,
                result_label=str(ItemResult(result).label) if result else "",
                evidence_count=len(published),
                owner=(work.owner.get_full_name() or work.owner.get_username())
                if work and work.owner
                else "",
                answer_text=work.answer_text if work else "",
                review_comment=work.review_comment if work and work.review_released else "",
            )
        )
    return out


# ---- the framework tree with the unit's work -----------------------------------------------
@dataclass
class ItemRow:
    item: Item
    work: ItemWork | None
    evidence_total: int = 0
    evidence_published: int = 0

    @property
    def state(self) -> str:
        return self.work.state if self.work else WorkState.DRAFT

    @property
    def state_label(self) -> str:
        return str(WorkState(self.state).label)

    @property
    def result(self) -> str:
        return self.work.result if self.work and self.work.review_released else ""

    @property
    def result_label(self) -> str:
        return str(ItemResult(self.result).label) if self.result else ""


@dataclass
class SubGroup:
    sub: SubIndicator
    parent: SubIndicator | None
    rows: list[ItemRow] = field(default_factory=list)
    show_parent: bool = False  # first leaf under its parent: print the parent's heading


@dataclass
class IndicatorGroup:
    indicator: Indicator
    groups: list[SubGroup] = field(default_factory=list)


def framework_tree(assessment: Assessment, *, with_work: bool = True) -> list[IndicatorGroup]:
    """OIT indicators → sub-indicators → items, each item with the unit's work record."""
    framework = assessment.framework
    items = list(
        Item.objects.filter(framework=framework)
        .select_related("sub_indicator__parent")
        .annotate(n_criteria=Count("criteria"))
        .order_by("position")  # (Meta.ordering does not apply to aggregate queries)
    )
    rows: dict[Any, ItemRow] = {item.pk: ItemRow(item=item, work=None) for item in items}
    if with_work:
        works = (
            ItemWork.objects.filter(assessment=assessment)
            .select_related("owner")
            .annotate(
                n_total=Count("evidence", distinct=True),
                n_published=Count("evidence", filter=Q(evidence__is_published=True), distinct=True),
            )
        )
        for work in works:
            row = rows.get(work.item_id)
            if row is not None:
                row.work = work
                row.evidence_total = work.n_total
                row.evidence_published = work.n_published
    by_sub: dict[Any, list[ItemRow]] = defaultdict(list)
    for item in items:
        by_sub[item.sub_indicator_id].append(rows[item.pk])
    out: list[IndicatorGroup] = []
    subs = (
        SubIndicator.objects.filter(framework=framework)
        .select_related("parent")
        .order_by("position")
    )
    subs_by_indicator: dict[Any, list[SubIndicator]] = defaultdict(list)
    for sub in subs:
        subs_by_indicator[sub.indicator_id].append(sub)
    for indicator in Indicator.objects.filter(framework=framework, instrument="OIT").order_by(
        "position"
    ):
        group = IndicatorGroup(indicator=indicator)
        seen_parents: set[Any] = set()
        for sub in subs_by_indicator[indicator.pk]:
            if not by_sub.get(sub.pk):
                continue
            show_parent = sub.parent_id is not None and sub.parent_id not in seen_parents
            if sub.parent_id:
                seen_parents.add(sub.parent_id)
            group.groups.append(
                SubGroup(sub=sub, parent=sub.parent, rows=by_sub[sub.pk], show_parent=show_parent)
            )
        if group.groups:
            out.append(group)
    return out


def state_counts(tree: list[IndicatorGroup]) -> dict[str, int]:
    counts = dict.fromkeys(WorkState.values, 0)
    for indicator in tree:
        for group in indicator.groups:
            for row in group.rows:
                counts[row.state] += 1
    return counts


# ---- one item ------------------------------------------------------------------------------
def item_of(assessment: Assessment, code: str) -> Item | None:
    return (
        Item.objects.filter(framework_id=assessment.framework_id, code=code)
        .select_related("indicator", "sub_indicator__parent")
        .first()
    )


def work_of(assessment: Assessment, item: Item) -> ItemWork | None:
    return (
        ItemWork.objects.filter(assessment=assessment, item=item)
        .select_related("owner", "reviewer", "submitted_by", "approved_by", "carried_from")
        .first()
    )


@dataclass
class CriterionLine:
    criterion: Criterion
    row: CriterionWork | None

    @property
    def self_check(self) -> str:
        return self.row.self_check if self.row else ""

    @property
    def note(self) -> str:
        return self.row.note if self.row else ""


def criterion_lines(item: Item, work: ItemWork | None) -> list[CriterionLine]:
    rows = {}
    if work is not None:
        rows = {
            r.criterion_id: r
            for r in CriterionWork.objects.filter(work=work).select_related("reviewed_by")
        }
    return [CriterionLine(c, rows.get(c.pk)) for c in item.criteria.all()]


def evidence_of(work: ItemWork | None, *, published_only: bool = False) -> list[Evidence]:
    if work is None:
        return []
    query = work.evidence.select_related("file", "created_by").prefetch_related("images")
    if published_only:
        query = query.filter(is_published=True)
    return list(query)


@dataclass(frozen=True)
class DraftReview:
    """The evaluator's review of the current round as written so far (empty when none)."""

    round: int = 1
    comment: str = ""
    decision: str = ""
    # {criterion code: (result, comment)}
    criteria: dict[str, tuple[str, str]] = field(default_factory=dict)


def review_draft_for(work: ItemWork | None) -> DraftReview:
    """Evaluator-only, like ``private_notes_for``: the draft of the item's current review round.
    Round two starts empty (the released round one is on ``ItemWork`` / ``CriterionWork``)."""
    if work is None:
        return DraftReview()
    draft = ReviewDraft.objects.filter(work=work, round=work.review_round).first()
    if draft is None:
        return DraftReview(round=work.review_round)
    return DraftReview(
        round=draft.round,
        comment=draft.comment,
        decision=draft.decision,
        criteria={
            row.criterion.code: (row.result, row.comment)
            for row in CriterionDraft.objects.filter(draft=draft).select_related("criterion")
        },
    )


def private_notes_for(work: ItemWork | None) -> dict[str, str]:
    """Evaluator-only: ``{criterion code or "": text}``. Never call this for unit or public
    pages."""
    if work is None:
        return {}
    return {
        (note.criterion.code if note.criterion else ""): note.text
        for note in PrivateNote.objects.filter(work=work).select_related("criterion")
    }


def item_history(work: ItemWork | None) -> QuerySet[AuditEntry]:
    """Who changed what and when, newest first (private notes are audited apart and absent)."""
    if work is None:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(object_type=AUDIT_TYPE, object_id=str(work.pk)).order_by(
        "-seq"
    )


# ---- files ---------------------------------------------------------------------------------
def file_is_published(stored: StoredFile) -> bool:
    """Anyone may fetch a file that published evidence shows (a file or a page's picture)."""
    return Evidence.objects.filter(Q(file=stored) | Q(images=stored), is_published=True).exists()


def failed_works(assessment: Assessment) -> list[ItemWork]:
    """Items the evaluator failed (released reviews), for the appeal pack."""
    return list(
        ItemWork.objects.filter(
            assessment=assessment, released_at__isnull=False, result=ItemResult.FAIL
        )
        .select_related("item")
        .prefetch_related(
            Prefetch(
                "criterion_rows",
                queryset=CriterionWork.objects.select_related("criterion").order_by(
                    "criterion__position"
                ),
            ),
            Prefetch("evidence", queryset=Evidence.objects.select_related("file")),
        )
        .order_by("item__position")
    )


# ---- the evaluator's queue -----------------------------------------------------------------
QUEUE_FILTERS = ("waiting", "submitted", "resubmitted", "returned", "accepted", "rejected", "all")
# What evaluators see: items that reached them (not drafts, not items waiting for the head).
SEEN_BY_EVALUATORS = frozenset(
    {
        WorkState.SUBMITTED,
        WorkState.RESUBMITTED,
        WorkState.RETURNED,
        WorkState.ACCEPTED,
        WorkState.REJECTED,
    }
)


def review_queue(
    units: QuerySet[Any], *, unit_slug: str = "", code: str = "", state: str = "waiting"
) -> QuerySet[ItemWork]:
    """Items in the given units (the evaluator's scope), oldest submission first."""
    works = ItemWork.objects.filter(assessment__unit__in=units).select_related(
        "assessment__unit", "item", "submitted_by"
    )
    if state == "waiting":
        works = works.filter(state__in=[WorkState.SUBMITTED, WorkState.RESUBMITTED])
    elif state in WorkState.values and state in SEEN_BY_EVALUATORS:
        works = works.filter(state=state)
    else:
        works = works.filter(state__in=SEEN_BY_EVALUATORS)
    if unit_slug:
        works = works.filter(assessment__unit__slug=unit_slug)
    if code:
        works = works.filter(item__code__iexact=code.strip())
    return works.order_by("submitted_at", "assessment__unit__path", "item__position")


def oit_scoring_inputs_many(
    assessment_ids: Iterable[Any],
) -> dict[Any, tuple[dict[str, dict[str, Any]], set[str]]]:
    """``oit_scoring_inputs`` for many assessments, in three set-based queries (national
    rescoring reads these in bulk; the result equals calling it one assessment at a time)."""
    ids = list(assessment_ids)
    lookup = id_lookup(ids)
    out: dict[Any, tuple[dict[str, dict[str, Any]], set[str]]] = {
        assessment_id: ({}, set()) for assessment_id in ids
    }
    works = (
        ItemWork.objects.filter(assessment_id__in=ids, released_at__isnull=False)
        .annotate(aid=id_text("assessment_id"))
        .values_list("aid", "item__code", "decision")
        .order_by()
    )
    for aid, code, decision in raw_rows(works):
        out[lookup[aid]][0][code] = {"criteria": {}, "decision": decision or None}
    rows = (
        CriterionWork.objects.filter(work__assessment_id__in=ids, work__released_at__isnull=False)
        .exclude(result="")
        .annotate(aid=id_text("work__assessment_id"))
        .values_list("aid", "work__item__code", "criterion__code", "result")
        .order_by()
    )
    for aid, code, criterion, result in raw_rows(rows):
        out[lookup[aid]][0][code]["criteria"][criterion] = result
    published = (
        Evidence.objects.filter(work__assessment_id__in=ids, is_published=True)
        .annotate(aid=id_text("work__assessment_id"))
        .values_list("aid", "work__item__code")
        .order_by()
        .distinct()
    )
    for aid, code in raw_rows(published):
        out[lookup[aid]][1].add(code)
    return out


# ---- many assessments at once (a parent organisation's roll-up) ----------------------------
# Sent to the evaluator at least once (whatever the review made of it since).
SENT_STATES = frozenset(
    {
        WorkState.SUBMITTED,
        WorkState.RESUBMITTED,
        WorkState.RETURNED,
        WorkState.ACCEPTED,
        WorkState.REJECTED,
    }
)


@dataclass(frozen=True)
class ItemCell:
    """One item of one assessment, as the roll-up's heat map shows it."""

    state: str
    result: str  # "pass" / "fail" once the review is released, else ""
    evidence: int  # pieces of evidence
    published: int  # of which published
    changed: dt.datetime | None  # the work record's last change (freshness)
    submitted_at: dt.datetime | None


@dataclass(frozen=True)
class OitProgress:
    with_evidence: int = 0  # items with published evidence (the workspace's "with data")
    sent: int = 0  # items sent to the evaluator at least once
    accepted: int = 0
    returned: int = 0
    rejected: int = 0
    states: dict[str, int] = field(default_factory=dict)


def oit_cells_many(assessment_ids: Iterable[Any]) -> dict[Any, dict[str, ItemCell]]:
    """Per assessment, per item code, the item's state: two set-based queries for any number
    of assessments. Items without a work record are absent (nothing was done on them)."""
    ids = list(assessment_ids)
    evidence: dict[tuple[Any, str], tuple[int, int]] = {}
    for assessment_id, code, total, published in (
        Evidence.objects.filter(work__assessment_id__in=ids)
        .values_list("work__assessment_id", "work__item__code")
        .annotate(n=Count("id"), p=Count("id", filter=Q(is_published=True)))
        .values_list("work__assessment_id", "work__item__code", "n", "p")
        .order_by()
    ):
        evidence[(assessment_id, code)] = (total, published)
    out: dict[Any, dict[str, ItemCell]] = {pk: {} for pk in ids}
    works = (
        ItemWork.objects.filter(assessment_id__in=ids)
        .values_list(
            "assessment_id",
            "item__code",
            "state",
            "result",
            "released_at",
            "updated_at",
            "submitted_at",
        )
        .order_by()
    )
    for assessment_id, code, state, result, released_at, changed, submitted_at in works:
        total, published = evidence.get((assessment_id, code), (0, 0))
        out[assessment_id][code] = ItemCell(
            state=state,
            result=result if released_at is not None else "",
            evidence=total,
            published=published,
            changed=changed,
            submitted_at=submitted_at,
        )
    return out


def oit_progress_many(assessment_ids: Iterable[Any]) -> dict[Any, OitProgress]:
    """Per assessment: items with published evidence, sent, accepted, returned, rejected and
    the count per state (the workspace's figures), in two grouped queries."""
    ids = list(assessment_ids)
    states: dict[Any, dict[str, int]] = defaultdict(dict)
    for assessment_id, state, n in (
        ItemWork.objects.filter(assessment_id__in=ids)
        .values_list("assessment_id", "state")
        .annotate(n=Count("id"))
        .values_list("assessment_id", "state", "n")
        .order_by()
    ):
        states[assessment_id][state] = n
    with_evidence = dict(
        Evidence.objects.filter(work__assessment_id__in=ids, is_published=True)
        .values_list("work__assessment_id")
        .annotate(n=Count("work_id", distinct=True))
        .values_list("work__assessment_id", "n")
        .order_by()
    )
    out = {}
    for pk in ids:
        by_state = states.get(pk, {})
        out[pk] = OitProgress(
            with_evidence=with_evidence.get(pk, 0),
            sent=sum(n for state, n in by_state.items() if state in SENT_STATES),
            accepted=by_state.get(WorkState.ACCEPTED, 0),
            returned=by_state.get(WorkState.RETURNED, 0),
            rejected=by_state.get(WorkState.REJECTED, 0),
            states=by_state,
        )
    return out


def published_evidence_counts_as_of(
    assessment: Assessment, when: dt.date | dt.datetime
) -> dict[str, int]:
    """Item code → pieces of evidence published by ``when`` (a date: through its end) and still
    published: what the unit's public pages held then, as far as the records tell."""
    rows = (
        Evidence.objects.filter(
            work__assessment=assessment, is_published=True, published_at__lt=moment_of(when)
        )
        .values_list("work__item__code")
        .annotate(n=Count("id"))
        .values_list("work__item__code", "n")
        .order_by()
    )
    return {str(code): int(n) for code, n in rows.iterator()}


def _on_time(due: Mapping[tuple[Any, str], dt.datetime]) -> Q:
    """Sent for review no later than the due time of its framework's item."""
    query = Q(pk__in=[])
    for (framework_id, code), when in due.items():
        query |= Q(item__framework_id=framework_id, item__code=code, submitted_at__lte=when)
    return query


def oit_on_time_many(
    assessment_ids: Iterable[Any], due: Mapping[tuple[Any, str], dt.datetime]
) -> dict[Any, int]:
    """Per assessment, the items sent for review by their due time (``due``: per framework
    id and item code). One grouped query."""
    return dict(
        ItemWork.objects.filter(assessment_id__in=list(assessment_ids), submitted_at__isnull=False)
        .filter(_on_time(due))
        .values_list("assessment_id")
        .annotate(n=Count("id"))
        .values_list("assessment_id", "n")
        .order_by()
    )


def oit_item_reporting(
    assessment_ids: Iterable[Any], due: Mapping[tuple[Any, str], dt.datetime]
) -> dict[str, tuple[int, int]]:
    """Per item code across the assessments: (assessments with published evidence on it,
    assessments that sent it by its due time). Two grouped queries."""
    ids = list(assessment_ids)
    published = dict(
        Evidence.objects.filter(work__assessment_id__in=ids, is_published=True)
        .values_list("work__item__code")
        .annotate(n=Count("work_id", distinct=True))
        .values_list("work__item__code", "n")
        .order_by()
    )
    on_time = dict(
        ItemWork.objects.filter(assessment_id__in=ids, submitted_at__isnull=False)
        .filter(_on_time(due))
        .values_list("item__code")
        .annotate(n=Count("id"))
        .values_list("item__code", "n")
        .order_by()
    )
    return {code: (published.get(code, 0), on_time.get(code, 0)) for code in published | on_time}

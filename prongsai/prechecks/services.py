"""Writes of the evidence pre-checker: asking for a check, and storing what a check found.

A check is asked for with :func:`precheck_request` (a page's button, the nightly command):
it stores a :class:`CheckRun` and hands it to the task worker (``tasks.run_precheck``) when the
transaction commits — fetching never happens in a request. The task calls :func:`precheck_run`,
which fetches and checks (no transaction held open meanwhile), then :func:`precheck_store`
writes snapshots, checks and verdicts in one transaction, audited, and queues a mail to the
item's owner for every link that passed before and fails now.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.core.site import site_base
from prongsai.disclosures.models import AWAITING_REVIEW_STATES, Evidence, ItemWork, WorkState
from prongsai.mail.outbox import mail_queue

from .checks import FAIL, PASS, Check, Document, worst
from .engine import CheckedItem, FetchOptions, check_works, sha256, works_to_check
from .models import (
    SNAPSHOT_MAX_BYTES,
    SNAPSHOT_MAX_TEXT,
    CheckRun,
    EvidenceCheck,
    ItemVerdict,
    Snapshot,
)

logger = logging.getLogger("prongsai.prechecks")

MAIL_KIND = "prechecks.link_failed"
STALE_AFTER = dt.timedelta(minutes=30)  # a run still pending after this lost its worker
# The nightly re-check: items with the evaluator or accepted.
NIGHTLY_STATES = frozenset({*AWAITING_REVIEW_STATES, WorkState.ACCEPTED})


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _enqueue(run: CheckRun) -> None:
    from .tasks import run_precheck

    run_id = str(run.pk)
    transaction.on_commit(lambda: run_precheck.enqueue(run_id))


@transaction.atomic
def precheck_request(
    *,
    actor: Actor,
    assessment: Assessment,
    item_code: str = "",
    reason: str = CheckRun.Reason.MANUAL,
    enqueue: bool = True,
) -> CheckRun:
    """Ask for a check of ``assessment``'s evidence (one item, or all). The same request while
    one is waiting or running shares it."""
    pending = (
        CheckRun.objects.select_for_update()
        .filter(
            assessment=assessment,
            item_code__in=[item_code, ""] if item_code else [""],
            state__in=[CheckRun.State.QUEUED, CheckRun.State.RUNNING],
            created_at__gte=timezone.now() - STALE_AFTER,
        )
        .first()
    )
    if pending is not None:
        return pending
    run = CheckRun.objects.create(
        assessment=assessment, item_code=item_code, reason=reason, requested_by=_user(actor)
    )
    audit_record(
        actor=actor,
        action="prechecks.run.request",
        obj=run,
        object_repr=f"{assessment.unit.slug} {assessment.year} {item_code or '*'}",
        unit_id=assessment.unit_id,
        changes={"item": item_code, "trigger": reason},
    )
    if enqueue:
        _enqueue(run)
    return run


def _mark(run: CheckRun, state: str, **fields: Any) -> None:
    CheckRun.objects.filter(pk=run.pk).update(state=state, updated_at=timezone.now(), **fields)
    run.state = state
    for name, value in fields.items():
        setattr(run, name, value)


def precheck_run(run_id: Any, *, options: FetchOptions | None = None) -> CheckRun:
    """Do one requested check (the task's body): fetch, check, store."""
    run = CheckRun.objects.select_related("assessment__unit", "assessment__framework").get(
        pk=run_id
    )
    if run.state in (CheckRun.State.DONE, CheckRun.State.FAILED):
        return run
    _mark(run, CheckRun.State.RUNNING, started_at=timezone.now())
    try:
        codes = [run.item_code] if run.item_code else None
        states = NIGHTLY_STATES if run.reason == CheckRun.Reason.NIGHTLY else None
        works = works_to_check(run.assessment, codes=codes, states=states)
        checked = check_works(run.assessment, works, options)
        # Items in the run's scope that have no evidence left lose their old verdict.
        stale = ItemVerdict.objects.filter(work__assessment=run.assessment).exclude(
            work__in=[w.pk for w in works]
        )
        if codes is not None:
            stale = stale.filter(work__item__code__in=codes)
        if states is not None:
            stale = stale.filter(work__state__in=list(states))
        summary = precheck_store(
            actor="prechecks",
            run=run,
            checked=checked,
            forget=list(stale.values_list("pk", flat=True)),
        )
    except Exception as exc:
        logger.exception("pre-check run %s failed", run.pk)
        _mark(run, CheckRun.State.FAILED, finished_at=timezone.now(), error=type(exc).__name__)
        raise
    run.counts = summary.counts
    return run


@dataclass
class StoreSummary:
    counts: dict[str, int] = field(default_factory=dict)
    mails: int = 0


def _snapshot(evidence: Evidence, doc: Document, now: dt.datetime) -> Snapshot:
    fetched = doc.fetched
    digest = sha256(fetched.body) if fetched.body else ""
    latest = Snapshot.objects.filter(evidence=evidence).order_by("-fetched_at").first()
    if (
        latest is not None
        and latest.sha256 == digest
        and latest.error == fetched.error
        and latest.http_status == fetched.status
        and latest.final_url == fetched.final_url
    ):
        latest.last_seen_at = now
        latest.save(update_fields=["last_seen_at", "updated_at"])
        return latest
    body = fetched.body if len(fetched.body) <= SNAPSHOT_MAX_BYTES else b""
    return Snapshot.objects.create(
        evidence=evidence,
        url=doc.url[:2000],
        final_url=(fetched.final_url or "")[:2000],
        http_status=fetched.status,
        content_type=fetched.content_type[:200],
        sha256=digest,
        size=len(fetched.body),
        content=body,
        text=doc.text[:SNAPSHOT_MAX_TEXT],
        error=fetched.error,
        fetched_at=now,
        last_seen_at=now,
    )


def _accepted_hash(work: ItemWork, evidence: Evidence, current: Snapshot) -> str:
    """The hash the evaluator saw: the snapshot taken at or just before acceptance (else the
    first one after it)."""
    before = Snapshot.objects.filter(evidence=evidence)
    accepted_at = work.released_at or work.reviewed_at
    if accepted_at is not None:
        earlier = before.filter(fetched_at__lte=accepted_at).order_by("-fetched_at").first()
        if earlier is not None:
            return earlier.sha256
    return current.sha256


def _as_dicts(checks: Iterable[Check]) -> list[dict[str, str]]:
    return [c.as_dict() for c in checks]


def _store_item(item: CheckedItem, run: CheckRun | None, now: dt.datetime) -> list[tuple[str, str]]:
    """Store one item; the links that passed before and fail now, as (url, reason)."""
    work = item.work
    assert work is not None
    newly_failing: list[tuple[str, str]] = []
    evidence_by_id = {str(e.pk): e for e in work.evidence.all()}
    changed = False
    for doc, checks in item.outcome.documents:
        evidence = evidence_by_id.get(doc.evidence_id)
        if evidence is None:
            continue
        snapshot = _snapshot(evidence, doc, now)
        status = worst(c.status for c in checks)
        reachable = checks[0]
        previous = EvidenceCheck.objects.filter(evidence=evidence).first()
        record = previous or EvidenceCheck(evidence=evidence, work=work)
        if previous is not None and previous.ever_passed and reachable.status == FAIL:
            was = next((c for c in previous.checks if c.get("name") == "reachable"), None)
            if was is None or was.get("status") != FAIL:
                newly_failing.append((doc.url, reachable.reason))
        record.snapshot = snapshot
        record.status = status
        record.checks = _as_dicts(checks)
        record.checked_at = now
        record.ever_passed = record.ever_passed or reachable.status == PASS
        if work.state == WorkState.ACCEPTED and snapshot.sha256:
            if not record.accepted_sha256:
                record.accepted_sha256 = _accepted_hash(work, evidence, snapshot)
            record.changed_after_acceptance = snapshot.sha256 != record.accepted_sha256
        else:
            record.changed_after_acceptance = False
        changed = changed or record.changed_after_acceptance
        record.save()
    outcome = item.outcome
    reasons: list[dict[str, str]] = []
    for doc, checks in outcome.documents:
        for check in checks:
            if check.status != PASS:
                reasons.append({**check.as_dict(), "url": doc.url})
    for check in outcome.checks:
        if check.status != PASS:
            reasons.append({**check.as_dict(), "url": ""})
    reasons.sort(key=lambda r: 0 if r["status"] == FAIL else 1)
    ItemVerdict.objects.update_or_create(
        work=work,
        defaults={
            "status": outcome.status,
            "checks": _as_dicts(outcome.checks),
            "criteria": {
                code: {"status": c.status, "reason": c.reason}
                for code, c in outcome.criteria.items()
            },
            "reasons": reasons,
            "changed_after_acceptance": changed,
            "checked_at": now,
            "run": run,
        },
    )
    return newly_failing


def _mail_owner(work: ItemWork, failing: list[tuple[str, str]]) -> bool:
    owner = work.owner
    if owner is None or not owner.email:
        return False
    assessment = work.assessment
    mail_queue(
        kind=MAIL_KIND,
        to=[owner.email],
        params={
            "unit": assessment.unit.name_th,
            "year": assessment.year,
            "code": work.item.code,
            "title": work.item.title_th,
            "links": [[url, reason] for url, reason in failing],
            "site": site_base(),
            "path": reverse(
                "disclosures:item",
                kwargs={
                    "slug": assessment.unit.slug,
                    "year": assessment.year,
                    "code": work.item.code,
                },
            ),
        },
        unit_id=assessment.unit_id,
    )
    return True


@transaction.atomic
def precheck_store(
    *,
    actor: Actor,
    run: CheckRun | None,
    checked: Iterable[CheckedItem],
    forget: Iterable[Any] = (),
) -> StoreSummary:
    """Store what one check found, mail owners of links that stopped working, close the run;
    ``forget``: verdicts of items that have no evidence left (deleted)."""
    now = timezone.now()
    ItemVerdict.objects.filter(pk__in=list(forget)).delete()
    summary = StoreSummary(counts={"pass": 0, "warn": 0, "fail": 0, "items": 0, "links": 0})
    assessment: Assessment | None = run.assessment if run else None
    for item in checked:
        if item.work is None:
            continue
        assessment = assessment or item.work.assessment
        failing = _store_item(item, run, now)
        summary.counts["items"] += 1
        summary.counts[item.outcome.status] += 1
        summary.counts["links"] += len(item.outcome.documents)
        if failing and _mail_owner(item.work, failing):
            summary.mails += 1
    summary.counts["mails"] = summary.mails
    if run is not None:
        _mark(run, CheckRun.State.DONE, finished_at=now, counts=summary.counts)
    if assessment is not None:
        audit_record(
            actor=actor,
            action="prechecks.run.done",
            object_type="prechecks.checkrun",
            object_id=str(run.pk) if run else "",
            object_repr=f"{assessment.unit.slug} {assessment.year}",
            unit_id=assessment.unit_id,
            changes={
                "items_checked": summary.counts["items"],
                "items_passing": summary.counts["pass"],
                "items_with_warnings": summary.counts["warn"],
                "items_failing": summary.counts["fail"],
                "links_checked": summary.counts["links"],
                "owners_mailed": summary.mails,
            },
        )
    return summary


def precheck_nightly(*, actor: Actor, assessments: Iterable[Assessment]) -> list[CheckRun]:
    """Queue the nightly re-check of every assessment with items submitted or accepted."""
    runs = []
    for assessment in assessments:
        if ItemWork.objects.filter(assessment=assessment, state__in=NIGHTLY_STATES).exists():
            runs.append(
                precheck_request(actor=actor, assessment=assessment, reason=CheckRun.Reason.NIGHTLY)
            )
    return runs

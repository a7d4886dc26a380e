"""Reads of the evidence pre-checker: verdicts of an assessment, the at-risk count, and the
notes shown in the OIT workspace (``disclosures.annotations``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from prongsai.assessments.models import Assessment
from prongsai.core.thai_dates import thai_date
from prongsai.disclosures.annotations import Annotation, Note

from .models import CheckRun, EvidenceCheck, ItemVerdict, Snapshot, Status
from .services import STALE_AFTER

CHECK_LABELS = {
    "reachable": gettext_lazy("Reachable"),
    "on_unit_site": gettext_lazy("On the unit's website"),
    "period": gettext_lazy("Period"),
    "elements": gettext_lazy("Required elements"),
    "format": gettext_lazy("Machine-readable file"),
}


def verdicts_of(assessment: Assessment, code: str | None = None) -> dict[str, ItemVerdict]:
    query = ItemVerdict.objects.filter(work__assessment=assessment).select_related("work__item")
    if code is not None:
        query = query.filter(work__item__code=code)
    return {v.work.item.code: v for v in query}


def evidence_checks_of(assessment: Assessment, code: str | None = None) -> list[EvidenceCheck]:
    query = EvidenceCheck.objects.filter(work__assessment=assessment).select_related(
        "snapshot", "evidence", "work__item"
    )
    if code is not None:
        query = query.filter(work__item__code=code)
    return list(query.order_by("work__item__position", "evidence__position"))


def pending_run(assessment: Assessment, code: str | None = None) -> CheckRun | None:
    query = CheckRun.objects.filter(
        assessment=assessment,
        state__in=[CheckRun.State.QUEUED, CheckRun.State.RUNNING],
        created_at__gte=timezone.now() - STALE_AFTER,
    )
    if code:
        query = query.filter(item_code__in=[code, ""])
    return query.order_by("-created_at").first()


def last_run(assessment: Assessment) -> CheckRun | None:
    return CheckRun.objects.filter(assessment=assessment).order_by("-created_at").first()


@dataclass(frozen=True)
class RiskCount:
    failing: int
    warning: int
    checked: int

    @property
    def at_risk(self) -> int:
        return self.failing + self.warning


def risk_count(assessment: Assessment) -> RiskCount:
    counts = ItemVerdict.objects.filter(work__assessment=assessment).aggregate(
        failing=Count("pk", filter=Q(status=Status.FAIL)),
        warning=Count("pk", filter=Q(status=Status.WARN)),
        checked=Count("pk"),
    )
    return RiskCount(counts["failing"], counts["warning"], counts["checked"])


def unchanged_since(check: EvidenceCheck) -> str:
    """ "checked on …, unchanged since …" for one piece of evidence."""
    snapshot: Snapshot | None = check.snapshot
    checked = thai_date(check.checked_at)
    if snapshot is None or not snapshot.sha256:
        return _("checked on %(checked)s") % {"checked": checked}
    return _("checked on %(checked)s, unchanged since %(since)s") % {
        "checked": checked,
        "since": thai_date(snapshot.fetched_at),
    }


def _label(verdict: ItemVerdict) -> str:
    if verdict.status == Status.PASS:
        return _("Pre-check: passed")
    fails = sum(1 for r in verdict.reasons if r.get("status") == Status.FAIL)
    warns = len(verdict.reasons) - fails
    parts = []
    if fails:
        parts.append(ngettext("%(n)s problem", "%(n)s problems", fails) % {"n": fails})
    if warns:
        parts.append(ngettext("%(n)s warning", "%(n)s warnings", warns) % {"n": warns})
    return _("Pre-check: %(what)s") % {"what": ", ".join(parts)}


def _reason_text(reason: Mapping[str, Any]) -> str:
    url = reason.get("url") or ""
    return f"{reason.get('reason', '')}" + (f" ({url})" if url else "")


def item_annotations(assessment: Assessment, code: str | None = None) -> dict[str, Annotation]:
    """The pre-check's note beside each item (the provider registered with disclosures)."""
    slug, year = assessment.unit.slug, assessment.year
    verdicts = verdicts_of(assessment, code)
    pending = pending_run(assessment, code)
    out: dict[str, Annotation] = {}
    checks_by_code: dict[str, list[EvidenceCheck]] = {}
    if code is not None:
        for check in evidence_checks_of(assessment, code):
            checks_by_code.setdefault(check.work.item.code, []).append(check)
    codes = set(verdicts) | ({code} if code else set())
    for item_code in codes:
        verdict = verdicts.get(item_code)
        action = reverse("prechecks:run", kwargs={"slug": slug, "year": year})
        detail = reverse("prechecks:overview", kwargs={"slug": slug, "year": year})
        evidence_notes: dict[str, Note] = {}
        for check in checks_by_code.get(item_code, []):
            text = unchanged_since(check)
            if check.changed_after_acceptance:
                text += " · " + _("changed after it was accepted")
            evidence_notes[str(check.evidence_id)] = Note(check.status, text)
        if verdict is None:
            out[item_code] = Annotation(
                name="precheck",
                status="",
                label=_("Pre-check: not checked yet"),
                title=_("Evidence pre-check"),
                detail_url=detail,
                action_url=action,
                action_label=_("Check now"),
                pending=pending is not None,
                evidence=evidence_notes,
            )
            continue
        lines = tuple(Note(r.get("status", ""), _reason_text(r)) for r in verdict.reasons)
        if verdict.changed_after_acceptance:
            lines = (
                Note(Status.WARN, _("The evidence changed after the evaluator accepted it.")),
                *lines,
            )
        out[item_code] = Annotation(
            name="precheck",
            status=verdict.status,
            label=_label(verdict),
            title=_("Evidence pre-check"),
            lines=lines,
            note=_("checked on %(checked)s") % {"checked": thai_date(verdict.checked_at)},
            detail_url=detail,
            action_url=action,
            action_label=_("Check again"),
            pending=pending is not None,
            criteria={
                c: Note(str(v.get("status", "")), str(v.get("reason", "")))
                for c, v in verdict.criteria.items()
            },
            evidence=evidence_notes,
        )
    return out

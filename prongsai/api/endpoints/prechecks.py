"""Evidence pre-check results: each item's verdict and each checked link's own checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from prongsai.prechecks.selectors import evidence_checks_of, verdicts_of

from ..auth import assessment_for, unit_for
from ..params import Slug, Year
from .common import READ_ERRORS, TOKEN

router = Router(tags=["prechecks"], auth=TOKEN)


class CheckOut(Schema):
    name: str
    status: str
    reason: str


class LinkCheckOut(Schema):
    evidence_id: str
    url: str
    status: str
    checked_at: dt.datetime
    checks: list[CheckOut]


class VerdictOut(Schema):
    code: str
    status: str
    checked_at: dt.datetime
    changed_after_acceptance: bool
    reasons: list[str]
    checks: list[CheckOut]
    evidence: list[LinkCheckOut]


def _checks(raw: Any) -> list[dict[str, str]]:
    out = []
    for check in raw or []:
        if isinstance(check, dict):
            out.append(
                {
                    "name": str(check.get("name", "")),
                    "status": str(check.get("status", "")),
                    "reason": str(check.get("reason", "")),
                }
            )
    return out


def _reason(raw: Any) -> str:
    if isinstance(raw, dict):
        return str(raw.get("reason") or raw.get("text") or "")
    return str(raw)


@router.get(
    "/units/{slug}/assessments/{year}/prechecks",
    response={200: list[VerdictOut], **READ_ERRORS},
    summary="The pre-checker's verdict per item, with each link's checks",
)
def prechecks(request: HttpRequest, slug: Slug, year: Year) -> list[dict[str, Any]]:
    assessment = assessment_for(unit_for(request, slug), year)
    by_item: dict[str, list[dict[str, Any]]] = {}
    for check in evidence_checks_of(assessment):
        code = check.work.item.code
        by_item.setdefault(code, []).append(
            {
                "evidence_id": str(check.evidence_id),
                "url": check.evidence.url or (check.snapshot.url if check.snapshot else ""),
                "status": check.status,
                "checked_at": check.checked_at,
                "checks": _checks(check.checks),
            }
        )
    return [
        {
            "code": code,
            "status": verdict.status,
            "checked_at": verdict.checked_at,
            "changed_after_acceptance": verdict.changed_after_acceptance,
            "reasons": [_reason(r) for r in verdict.reasons or []],
            "checks": _checks(verdict.checks),
            "evidence": by_item.get(code, []),
        }
        for code, verdict in sorted(verdicts_of(assessment).items(), key=lambda kv: kv[0])
    ]

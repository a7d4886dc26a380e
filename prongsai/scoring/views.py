"""The assessment dashboard: progress, scores and where the points are."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.assessments.selectors import assessment_for
from prongsai.organizations.access import unit_access
from prongsai.prechecks.selectors import risk_count
from prongsai.surveys.selectors import responses_per_day

from .selectors import indicator_rows, opportunity_rows, score_now
from .waiting import waiting_for


@login_required
def dashboard(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = unit_access(request, slug)
    assessment = assessment_for(access.unit, year)
    spec = assessment.framework.spec
    current = score_now(assessment)
    result = current.result
    caps = [spec.rating_caps[i] for i in result.get("caps_applied", [])]
    return render(
        request,
        "scoring/dashboard.html",
        {
            "access": access,
            "unit": access.unit,
            "year": year,
            "tab": "dashboard",
            "assessment": assessment,
            "spec": spec,
            "current": current,
            "r": result,
            "caps": caps,
            "indicators": indicator_rows(spec, result),
            "opportunities": opportunity_rows(spec, result),
            "survey_days": responses_per_day(assessment),
            "show_waiting": access.can_approve or access.can_edit,
            "waiting": waiting_for(access, assessment),
            "precheck_risk": risk_count(assessment),
            "rating_label": next(
                (b.label for b in spec.ratings if b.id == result["rating_id"]), None
            ),
        },
    )

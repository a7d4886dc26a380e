"""Writes for reports: the per-assessment report settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.audit import audit_record, changes_between, model_snapshot

from .models import ReportSettings

SETTINGS_FIELDS = (
    "order_number",
    "order_date",
    "briefing_date",
    "briefing_text",
    "disclosure_areas",
    "publication",
    "reporter_rank",
    "reporter_name",
    "reporter_position",
    "reviewer_rank",
    "reviewer_name",
    "reviewer_position",
)


def _clean_areas(areas: Any) -> list[dict[str, str]]:
    out = []
    for area in areas or []:
        title = " ".join(str(area.get("title", "")).split())
        owner = " ".join(str(area.get("owner", "")).split())
        if not title and not owner:
            continue
        if not title:
            raise ValidationError({"disclosure_areas": [_("Every area needs a title.")]})
        out.append({"title": title, "owner": owner})
    return out


@transaction.atomic
def report_settings_save(*, actor: Any, assessment: Assessment, **fields: Any) -> ReportSettings:
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown report settings: {sorted(unknown)}")
    if "disclosure_areas" in fields:
        fields["disclosure_areas"] = _clean_areas(fields["disclosure_areas"])
    for name, value in fields.items():
        if isinstance(value, str):
            fields[name] = value.strip()
    settings_row, created = ReportSettings.objects.select_for_update().get_or_create(
        assessment=assessment
    )
    before = {} if created else model_snapshot(settings_row)
    for name, value in fields.items():
        setattr(settings_row, name, value)
    settings_row.full_clean()
    settings_row.save()
    changes = changes_between(before, model_snapshot(settings_row))
    if changes:
        audit_record(
            actor=actor,
            action="report_settings.save",
            obj=settings_row,
            unit_id=assessment.unit_id,
            changes=changes,
        )
    return settings_row

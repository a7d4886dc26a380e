"""Import a measures plan from a Word or Excel file: read → validate everything → write all.

``parse_plan_file`` never writes; ``plan_import`` writes the rows of a result without problems in
one transaction (appending, or replacing the whole plan), so a bad file changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.audit import audit_record
from prongsai.organizations.models import Membership
from prongsai.spreadsheets.errors import UnreadableFile
from prongsai.spreadsheets.limits import ReadLimits
from prongsai.spreadsheets.reader import read_tables
from prongsai.spreadsheets.selectors import remembered_mappings
from prongsai.spreadsheets.services import column_mappings_remember

from ..models import PlanRow, ProgressPhoto
from ..parsing import squash
from ..services import _clean_fields, _delete_files_later, _lock_plan, _next_position
from .plan_table import PLAN_FIELDS, ParseResult, PlanContext, Problem, RowDraft, parse_tables

__all__ = [
    "PLAN_FIELDS",
    "ParseResult",
    "PlanContext",
    "Problem",
    "RowDraft",
    "parse_plan_file",
    "plan_context",
    "plan_import",
]


def plan_limits() -> ReadLimits:
    """A plan is a few hundred rows of a dozen columns, in Word or Excel."""
    return ReadLimits(max_bytes=int(settings.UPLOAD_MAX_FILE_SIZE), max_rows=3000, max_columns=60)


def plan_context(assessment: Assessment) -> PlanContext:
    spec = assessment.framework.spec
    context = PlanContext(
        indicators={i.id: i.title.th for i in spec.indicators},
        items={item.id: spec.item_indicator(item) for item in spec.items},
    )
    for membership in Membership.objects.filter(unit_id=assessment.unit_id).select_related("user"):
        user = membership.user
        if not user.is_active:
            continue
        context.usernames.add(user.get_username())
        full = f"{user.first_name} {user.last_name}".strip()
        if full:
            context.names[squash(full)] = user.get_username()
            if membership.rank:
                context.names[squash(f"{membership.rank} {full}")] = user.get_username()
    return context


def parse_plan_file(
    assessment: Assessment,
    data: bytes,
    *,
    chosen: Mapping[str, str] | None = None,
    remembered: Mapping[str, str] | None = None,
) -> ParseResult:
    """Read and validate a DOCX or XLSX plan; never writes.

    Headers are matched with the user's ``chosen`` mappings for this file, then the unit's
    ``remembered`` ones (read from the database when not given), then by wording."""
    try:
        file = read_tables(data, accept=("docx", "xlsx"), limits=plan_limits())
    except UnreadableFile as exc:
        result = ParseResult(kind="")
        result.problems.append(Problem("", None, None, str(exc)))
        return result
    if remembered is None:
        remembered = remembered_mappings(unit=assessment.unit, kind=PLAN_FIELDS.kind)
    return parse_tables(
        file.tables,
        plan_context(assessment),
        kind=file.kind,
        remembered=remembered,
        chosen=chosen,
    )


@transaction.atomic
def plan_import(
    *,
    actor: Any,
    assessment: Assessment,
    result: ParseResult,
    replace: bool = False,
    source_name: str = "",
    source_bytes: bytes = b"",
) -> list[PlanRow]:
    """Write the drafts of a clean parse result as plan rows (after the existing ones, or
    instead of them when ``replace``). Raises ValidationError and writes nothing otherwise. The
    column choices the user made for this file are remembered for the unit."""
    if not result.ok:
        raise ValidationError([str(p) for p in result.problems] or [_("Nothing to import.")])
    users = {
        m.user.get_username(): m.user
        for m in Membership.objects.filter(unit_id=assessment.unit_id).select_related("user")
    }
    cleaned: list[tuple[RowDraft, dict[str, Any]]] = []
    for draft in result.drafts:
        try:
            cleaned.append((draft, _clean_fields(assessment, draft.fields())))
        except ValidationError as exc:
            raise ValidationError(
                [str(Problem(draft.where, draft.row, None, "; ".join(exc.messages)))]
            ) from exc
        missing = [u for u in draft.responsible_usernames if u not in users]
        if missing:
            raise ValidationError([str(Problem(draft.where, draft.row, None, ", ".join(missing)))])
    _lock_plan(assessment)
    removed = 0
    if replace:
        existing = PlanRow.objects.select_for_update().filter(assessment=assessment)
        files = list(
            ProgressPhoto.objects.filter(update__row__assessment=assessment).values_list(
                "file", flat=True
            )
        )
        removed = existing.count()
        existing.delete()
        _delete_files_later(files)
    position = _next_position(assessment)
    rows = []
    for offset, (_draft, fields) in enumerate(cleaned):
        rows.append(PlanRow(assessment=assessment, position=position + offset, **fields))
    PlanRow.objects.bulk_create(rows)
    links = []
    through = PlanRow.responsible_users.through
    for row, (draft, _fields) in zip(rows, cleaned, strict=True):
        for username in draft.responsible_usernames:
            links.append(through(planrow_id=row.pk, user_id=users[username].pk))
    through.objects.bulk_create(links)
    column_mappings_remember(
        actor=actor, unit=assessment.unit, fieldset=PLAN_FIELDS, columns=result.columns
    )
    audit_record(
        actor=actor,
        action="plan.import",
        object_type="measures.plan",
        object_id=str(assessment.pk),
        object_repr=f"{assessment}",
        unit_id=assessment.unit_id,
        changes={
            "source": source_name[:200],
            "sha256": hashlib.sha256(source_bytes).hexdigest() if source_bytes else "",
            "format": result.kind,
            "mode": "replace" if replace else "append",
            "rows_created": [str(r.pk) for r in rows],
            "rows_removed": removed,
        },
    )
    return rows

"""Writes: publishing a period's documents of a series (a new version of each format).

``publication_publish`` asks the documents app for one frozen document per format (rendered in
the task worker right after the commit), marks the previous version superseded, and adds the
public URL of each format, once, as evidence of the series' OIT item.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.actors import Actor
from prongsai.core.audit import audit_record
from prongsai.core.site import absolute_url
from prongsai.core.text import text_problems
from prongsai.disclosures.models import Evidence
from prongsai.disclosures.selectors import item_of
from prongsai.disclosures.services.evidence import evidence_add_link
from prongsai.documents.services import document_request
from prongsai.organizations.access import UnitAccess
from prongsai.organizations.models import Unit

from .models import Publication
from .periods import PeriodError, cadence_of, period_label, period_range
from .registry import FORMATS, Series, series_for

logger = logging.getLogger(__name__)

REASON_LIMIT = 500


def public_path(unit: Unit, year: int, series: Series, period: str, fmt: str) -> str:
    """The stable public address of a period's current file in ``fmt``."""
    return reverse(
        "publications:file",
        kwargs={
            "slug": unit.slug,
            "year": year,
            "series": series.slug,
            "period": period,
            "fmt": fmt,
        },
    )


def _user(actor: Actor) -> Any:
    return None if isinstance(actor, str) else actor


def _check(series: Series, year: int, period: str, reason: str) -> None:
    try:
        period_range(year, period)
        cadence = cadence_of(period)
    except PeriodError as exc:
        raise ValidationError(str(exc), code="period") from exc
    if cadence != series.cadence:
        raise ValidationError(
            _("%(series)s is published per %(cadence)s; “%(period)s” is not one.")
            % {"series": series.title, "cadence": _cadence_name(series.cadence), "period": period},
            code="period",
        )
    problems = text_problems(reason, limit=REASON_LIMIT)
    if problems:
        raise ValidationError(problems, code="reason")


def _cadence_name(cadence: str) -> str:
    return {
        "month": _("month"),
        "quarter": _("quarter"),
        "half": _("half year"),
        "year": _("fiscal year"),
    }[cadence]


@transaction.atomic
def publication_publish(
    *,
    actor: Actor,
    access: UnitAccess,
    series: str,
    year: int,
    period: str,
    params: Mapping[str, Any] | None = None,
    reason: str = "",
) -> list[Publication]:
    """Publish ``period`` of ``series`` for the caller's unit: one new version per format."""
    spec = series_for(series)
    if not access.has(spec.need):
        raise PermissionDenied(f"publishing {series} needs '{spec.need}' on {access.unit.slug}")
    reason = (reason or "").strip()
    _check(spec, year, period, reason)
    unit = Unit.objects.select_for_update().get(pk=access.unit.pk)  # one publisher at a time
    rows = Publication.objects.filter(unit=unit, year=year, series=spec.name, period=period)
    version = (rows.aggregate(last=Max("version"))["last"] or 0) + 1
    now = timezone.now()
    superseded = rows.filter(superseded_at__isnull=True).update(superseded_at=now)
    if superseded and not reason:
        raise ValidationError(
            _("This period is already published: say why it is corrected."), code="reason"
        )
    created = []
    for fmt, kind in spec.formats.items():
        document = document_request(
            actor=actor,
            access=access,
            kind=kind,
            params={
                **dict(params or {}),
                "series": spec.name,
                "year": year,
                "period": period,
                "version": version,
                "fmt": fmt,
            },
            frozen=True,
        )
        created.append(
            Publication.objects.create(
                unit=unit,
                year=year,
                series=spec.name,
                period=period,
                fmt=fmt,
                version=version,
                document=document,
                item_code=spec.item_code,
                published_at=now,
                published_by=_user(actor),
                reason=reason,
            )
        )
    audit_record(
        actor=actor,
        action="publication.publish",
        obj=created[0],
        unit_id=unit.pk,
        changes={
            "series": spec.name,
            "year": year,
            "published_period": period,
            "version": version,
            "formats": sorted(spec.formats),
            "reason": reason,
        },
    )
    _attach_evidence(actor=actor, unit=unit, year=year, series=spec, period=period)
    return created


def _attach_evidence(*, actor: Actor, unit: Unit, year: int, series: Series, period: str) -> int:
    """The public URLs of the period's formats as evidence of the item (each once); an item that
    no longer takes evidence (submitted, accepted) is left alone. Returns how many were added."""
    if not series.item_code:
        return 0
    assessment = Assessment.objects.filter(unit=unit, year=year).first()
    item = item_of(assessment, series.item_code) if assessment else None
    if assessment is None or item is None:
        return 0
    have = set(
        Evidence.objects.filter(
            work__assessment=assessment, work__item=item, kind=Evidence.Kind.LINK
        ).values_list("url", flat=True)
    )
    start, end = period_range(year, period)
    added = 0
    for fmt in series.formats:
        url = absolute_url(public_path(unit, year, series, period, fmt))
        if url in have:
            continue
        title = f"{series.title} — {period_label(year, period)} ({FORMATS[fmt][1]})"
        try:
            with transaction.atomic():
                evidence_add_link(
                    actor=actor,
                    assessment=assessment,
                    item=item,
                    title=title[:300],
                    url=url,
                    period_start=start,
                    period_end=end,
                )
        except ValidationError as exc:
            logger.info("%s %s not attached to %s: %s", series.name, period, item.code, exc)
            return added
        added += 1
    return added

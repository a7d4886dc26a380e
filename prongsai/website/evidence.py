"""The site's pages as OIT evidence: a LINK on the item, in the unit's assessment, through the OIT
services (audited, counted like any evidence). A profile page links to its published version;
the next version replaces the link (same evidence, new URL), so the item shows the new version.
An item that is no longer editable (submitted, accepted) is left as it is."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import item_period
from prongsai.core.actors import Actor
from prongsai.core.site import unit_public_url
from prongsai.disclosures.models import Evidence, ItemWork
from prongsai.disclosures.selectors import item_of
from prongsai.disclosures.services.evidence import evidence_add_link, evidence_update
from prongsai.organizations.models import Unit


def fiscal_year_of(day: dt.date) -> int:
    """The Buddhist-era fiscal year (October to September) a day falls in."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


def current_assessment(unit: Unit) -> Assessment | None:
    return (
        Assessment.objects.filter(unit=unit).select_related("framework").order_by("-year").first()
    )


def assessment_of_day(unit: Unit, day: dt.date) -> Assessment | None:
    return (
        Assessment.objects.filter(unit=unit, year=fiscal_year_of(day))
        .select_related("framework")
        .first()
    )


def attach_link(
    *,
    actor: Actor,
    assessment: Assessment,
    code: str | None,
    title: str,
    path: str,
    same_prefix: str,
    period: tuple[dt.date | None, dt.date | None] | None = None,
) -> Evidence | None:
    """Put ``path`` (a public page of the unit) on the item ``code``: update our
    earlier link (its URL starts with ``same_prefix``) or add one. None when the framework has
    no such item or the item cannot be changed now."""
    item = item_of(assessment, code) if code else None
    if item is None:
        return None
    work = ItemWork.objects.filter(assessment=assessment, item=item).first()
    if work is not None and not work.is_editable:
        return None
    slug = assessment.unit.slug
    url = unit_public_url(slug, path)
    prefix = unit_public_url(slug, same_prefix)
    if period is None:
        resolved = item_period(assessment, item.code)
        period = (resolved.start, resolved.end) if resolved else (None, None)
    ours = (
        Evidence.objects.filter(work=work, kind=Evidence.Kind.LINK, url__startswith=prefix)
        .order_by("position")
        .first()
        if work is not None
        else None
    )
    if ours is not None:
        if ours.url == url and ours.title == title:
            return ours
        return evidence_update(
            actor=actor,
            evidence=ours,
            title=title,
            url=url,
            period_start=period[0],
            period_end=period[1],
        )
    return evidence_add_link(
        actor=actor,
        assessment=assessment,
        item=item,
        title=title,
        url=url,
        period_start=period[0],
        period_end=period[1],
    )


def detach_link(
    *, actor: Actor, unit: Unit, path: str, keep_codes: list[str] | None = None
) -> None:
    """Remove the evidence that links to ``path`` wherever the item can still be changed
    (except on the items ``keep_codes``)."""
    from prongsai.disclosures.services.evidence import evidence_delete

    url = unit_public_url(unit.slug, path)
    for evidence in Evidence.objects.filter(
        work__assessment__unit=unit, kind=Evidence.Kind.LINK, url=url
    ).select_related("work__item"):
        if evidence.work.is_editable and evidence.work.item.code not in (keep_codes or []):
            evidence_delete(actor=actor, evidence=evidence)


def version_path(slug: str, section: str, number: int) -> str:
    return reverse("website:version", kwargs={"slug": slug, "section": section, "number": number})


def section_path(slug: str, section: str) -> str:
    return reverse("website:section", kwargs={"slug": slug, "section": section})


def news_path(slug: str, post_id: object) -> str:
    return reverse("website:post", kwargs={"slug": slug, "post_id": post_id})

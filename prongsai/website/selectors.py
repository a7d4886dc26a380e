"""Reads of the unit's public website."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from prongsai.assessments.models import Assessment
from prongsai.organizations.models import Unit

from .content import profile_of
from .models import Category, NewsPost, ProfileVersion, Section, SiteImage

PUBLIC_SECTIONS = [Section.STRUCTURE, Section.AUTHORITY, Section.LAWS, Section.CONTACT]
POLICY_SECTIONS = [Section.NO_GIFT, Section.ETHICS]


def public_unit(slug: str) -> Unit:
    unit = Unit.objects.filter(slug=slug, is_active=True).first()
    if unit is None:
        raise Http404("No such unit")
    return unit


def latest_versions(unit: Unit) -> dict[str, ProfileVersion]:
    out: dict[str, ProfileVersion] = {}
    for v in ProfileVersion.objects.filter(unit=unit).order_by("section", "-number"):
        out.setdefault(v.section, v)
    return out


def version_of(unit: Unit, section: str, number: int | None = None) -> ProfileVersion:
    if section not in Section.values:
        raise Http404("No such page")
    versions = ProfileVersion.objects.filter(unit=unit, section=section)
    version = (versions.filter(number=number) if number else versions.order_by("-number")).first()
    if version is None:
        raise Http404("Not published")
    return version


def published_news(unit: Unit, *, category: str = "", limit: int | None = None) -> list[NewsPost]:
    posts = NewsPost.objects.filter(unit=unit, is_published=True).select_related("photo")
    if category in Category.values:
        posts = posts.filter(category=category)
    return list(posts[:limit] if limit else posts)


def images_by_id(unit: Unit, ids: list[str]) -> dict[str, SiteImage]:
    return {str(i.pk): i for i in SiteImage.objects.filter(unit=unit, pk__in=[i for i in ids if i])}


@dataclass(frozen=True)
class OpenSurvey:
    url: str
    closes_on: dt.date | None
    qr: str  # an SVG data URI


def open_eit(unit: Unit) -> tuple[Assessment | None, OpenSurvey | None]:
    """The unit's latest assessment and its EIT survey when the campaign is open today."""
    import segno

    from prongsai.surveys.models import Campaign, CampaignState, Instrument
    from prongsai.surveys.printing import survey_url

    assessment = (
        Assessment.objects.filter(unit=unit).select_related("framework").order_by("-year").first()
    )
    if assessment is None:
        return None, None
    campaign = (
        Campaign.objects.filter(assessment=assessment, instrument=Instrument.EIT)
        .select_related("assessment__unit")
        .first()
    )
    if campaign is None or campaign.state_on(timezone.localdate()) != CampaignState.OPEN:
        return assessment, None
    url = survey_url(campaign)
    qr = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    return assessment, OpenSurvey(url=url, closes_on=campaign.closes_on, qr=qr)


def channels(unit: Unit) -> list[tuple[str, str]]:
    """The public complaint and Q&A pages (label, path)."""
    from django.utils.translation import gettext as _

    return [
        (
            _("Report corruption (complaint channel)"),
            reverse("complaints:guideline", kwargs={"slug": unit.slug}),
        ),
        (_("Questions and answers"), reverse("inquiries:public", kwargs={"slug": unit.slug})),
    ]


def home_context(unit: Unit) -> dict[str, Any]:
    """What the unit's home shows (the page is stored for anonymous visitors by
    ``portal.pagecache`` until the unit's next change)."""
    from prongsai.disclosures.selectors import framework_tree

    from .datasets import public_datasets

    profile = profile_of(unit)
    assessment, survey = open_eit(unit)
    published = {"versions": latest_versions(unit), "news": published_news(unit, limit=5)}
    rows: list[Any] = []
    if assessment is not None:
        rows = [
            row.item
            for ind in framework_tree(assessment, with_work=False)
            for g in ind.groups
            for row in g.rows
        ]
    return {
        "unit": unit,
        "profile": profile,
        **published,
        "assessment": assessment,
        "survey": survey,
        "channels": channels(unit),
        "oit_items": rows,
        "datasets": public_datasets(unit),
        "sections": PUBLIC_SECTIONS,
        "policies": POLICY_SECTIONS,
    }

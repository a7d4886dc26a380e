"""The unit's O16 evidence generated from the complaint channel: links to the public complaint
page (channel and guideline) and to the statistics of the assessment's fiscal year, added to the
item O16 through the OIT services (published, audited like any evidence)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import Assessment
from prongsai.core.actors import Actor
from prongsai.core.site import site_base
from prongsai.disclosures.models import Evidence
from prongsai.disclosures.selectors import item_of
from prongsai.disclosures.services.evidence import evidence_add_link

ITEM_CODE = "O16"


def o16_links(assessment: Assessment) -> list[tuple[str, str]]:
    slug = assessment.unit.slug
    base = site_base()
    return [
        (
            _("Complaint channel and guideline (Prongsai)"),
            base + reverse("complaints:guideline", kwargs={"slug": slug}),
        ),
        (
            _("Complaint statistics, FY %(year)s (generated from the cases)")
            % {"year": assessment.year},
            base
            + reverse("complaints:statistics", kwargs={"slug": slug})
            + f"?year={assessment.year}",
        ),
    ]


@transaction.atomic
def o16_evidence_attach(*, actor: Actor, assessment: Assessment) -> list[Evidence]:
    """Add the links the item does not have yet; returns the evidence added."""
    item = item_of(assessment, ITEM_CODE)
    if item is None:
        raise ValidationError(
            _("The framework of this assessment has no item O16."), code="no_item"
        )
    have = set(
        Evidence.objects.filter(
            work__assessment=assessment, work__item=item, kind=Evidence.Kind.LINK
        ).values_list("url", flat=True)
    )
    return [
        evidence_add_link(actor=actor, assessment=assessment, item=item, title=title, url=url)
        for title, url in o16_links(assessment)
        if url not in have
    ]

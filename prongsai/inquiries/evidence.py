"""The unit's O4 evidence generated from the Q&A channel: links to the public Q&A page (the
answered questions with their dates and response times, the FAQ) and to the form where the
public asks or gives feedback, added to the item O4 through the OIT services (published,
audited like any evidence)."""

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

ITEM_CODE = "O4"


def o4_links(assessment: Assessment) -> list[tuple[str, str]]:
    slug = assessment.unit.slug
    base = site_base()
    return [
        (
            _("Questions and answers, FAQ and response times (Prongsai)"),
            base + reverse("inquiries:public", kwargs={"slug": slug}),
        ),
        (
            _("Channel to ask a question or give feedback (Prongsai)"),
            base + reverse("inquiries:ask", kwargs={"slug": slug}),
        ),
    ]


@transaction.atomic
def o4_evidence_attach(*, actor: Actor, assessment: Assessment) -> list[Evidence]:
    """Add the links the item does not have yet; returns the evidence added."""
    item = item_of(assessment, ITEM_CODE)
    if item is None:
        raise ValidationError(_("The framework of this assessment has no item O4."), code="no_item")
    have = set(
        Evidence.objects.filter(
            work__assessment=assessment, work__item=item, kind=Evidence.Kind.LINK
        ).values_list("url", flat=True)
    )
    return [
        evidence_add_link(actor=actor, assessment=assessment, item=item, title=title, url=url)
        for title, url in o4_links(assessment)
        if url not in have
    ]

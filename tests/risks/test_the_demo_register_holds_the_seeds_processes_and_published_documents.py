"""The demo unit's register: the seed's two processes (notifications / extensions of stay /
permits; kickbacks from foreigners), at least four events with treatments, 6-month follow-ups
with photos, and O19 and O20 published as generated documents on the items. Loading twice adds
nothing."""

from __future__ import annotations

from typing import Any

from django.test import TestCase

from prongsai.demo import risks as demo
from prongsai.demo.context import DemoContext
from prongsai.disclosures.models import Evidence
from prongsai.publications.models import Publication
from prongsai.risks.models import FollowUp, FollowUpPhoto, Register, RiskEvent, Treatment

from .helpers import IMMIGRATION_PROCESSES


def test_the_demo_register_follows_the_seed(assessment: Any, people: Any, settings: Any) -> None:
    settings.SITE_URL = "https://ita.example.go.th"
    ctx = DemoContext(
        assessments={assessment.unit.slug: assessment}, users={"kalasin-editor": people.editor}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):  # the documents render on commit
        demo.load_demo(ctx)
    demo.load_demo(ctx)  # idempotent

    register = Register.objects.get(assessment=assessment)
    names = list(register.processes.order_by("position").values_list("name", flat=True))
    assert names == IMMIGRATION_PROCESSES
    events = RiskEvent.objects.filter(process__register=register)
    assert events.count() >= 4
    assert all(e.treatments.exists() for e in events)
    treatments = Treatment.objects.filter(event__process__register=register)
    assert not treatments.filter(due_date__isnull=True).exists()
    assert set(treatments.values_list("owner_user", flat=True)) == {people.editor.pk}
    followups = FollowUp.objects.filter(treatment__event__process__register=register)
    assert followups.count() == len(demo.FOLLOW_UPS)
    assert set(followups.values_list("round", flat=True)) == {6}
    assert FollowUpPhoto.objects.count() == len(demo.FOLLOW_UPS)

    published = Publication.objects.filter(unit=assessment.unit, year=assessment.year)
    assert sorted(published.values_list("series", "period", "fmt")) == [
        ("risks.assessment", "year", "docx"),
        ("risks.assessment", "year", "pdf"),
        ("risks.results", "h1", "docx"),
        ("risks.results", "h1", "pdf"),
    ]
    assert all(p.document.is_ready for p in published)
    codes = set(
        Evidence.objects.filter(
            work__assessment=assessment, url__contains="/data/risk-"
        ).values_list("work__item__code", flat=True)
    )
    assert codes == {"O19", "O20"}

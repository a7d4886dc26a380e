"""A unit admin opens the year's assessment and sets its headcounts; others cannot."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from prongsai.assessments.models import Assessment
from prongsai.core.models import AuditEntry

from ..conftest import Personas, Tree


def test_admin_opens_an_assessment_from_the_unit_page(
    tree: Tree, people: Personas, framework: Any, client: Any
) -> None:
    client.force_login(people.admin)
    home = client.get(reverse("assessments:unit_home", kwargs={"slug": tree.unit.slug}))
    assert "ita-2567-police" in home.content.decode()
    response = client.post(
        reverse("assessments:open", kwargs={"slug": tree.unit.slug}),
        {
            "year": "2567",
            "framework": framework.pk,
            "headcount_internal": "12",
            "headcount_external": "2000",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(unit=tree.unit, year=2567)
    assert assessment.target("IIT") == 12 and assessment.target("EIT") == 200
    assert AuditEntry.objects.filter(action="assessment.open", unit_id=str(tree.unit.pk)).exists()
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    assert '0 <span class="muted small">/ 12</span>' in dashboard.content.decode()


def test_negative_headcount_is_refused(
    tree: Tree, people: Personas, framework: Any, client: Any
) -> None:
    client.force_login(people.admin)
    response = client.post(
        reverse("assessments:open", kwargs={"slug": tree.unit.slug}),
        {"year": "2567", "framework": framework.pk, "headcount_internal": "-3"},
    )
    assert response.status_code == 200
    assert not Assessment.objects.exists()


def test_editor_cannot_open_or_change_the_assessment(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    url = reverse("assessments:settings", kwargs={"slug": tree.unit.slug, "year": 2567})
    assert client.post(url, {"status": "final", "headcount_internal": "1"}).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == "preparing" and assessment.headcount_internal == 12


def test_settings_change_headcount_and_status(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.admin)
    url = reverse("assessments:settings", kwargs={"slug": tree.unit.slug, "year": 2567})
    response = client.post(
        url, {"status": "collecting", "headcount_internal": "40", "headcount_external": "2000"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "collecting"
    assert assessment.target("IIT") == 30
    entry = AuditEntry.objects.filter(action="assessment.update").latest("seq")
    assert entry.changes["headcount_internal"] == [12, 40]


def test_viewers_and_evaluators_see_the_dashboard_outsiders_do_not(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    url = reverse("scoring:dashboard", kwargs={"slug": tree.unit.slug, "year": 2567})
    for persona in (people.viewer, people.evaluator, people.head, people.editor):
        client.force_login(persona)
        assert client.get(url).status_code == 200
    for persona in (people.outsider, people.sibling_editor):
        client.force_login(persona)
        assert client.get(url).status_code == 404

"""A unit opens the 2569 or the 2570 assessment against any loaded framework: the fiscal year and
the framework are chosen separately, a framework of another year needs a confirmation, and every
page of the assessment says which framework year it uses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import item_period, years_to_open
from prongsai.assessments.services import assessment_open
from prongsai.core.models import AuditEntry

from ..conftest import Personas, Tree


def _open_url(tree: Tree) -> str:
    return reverse("assessments:open", kwargs={"slug": tree.unit.slug})


def test_2569_and_2570_open_against_different_frameworks(
    tree: Tree, framework: Any, general_2569: Any
) -> None:
    a2569 = assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2569)
    # 2570 has no framework of its own yet: the unit uses the 2567 police one for it.
    a2570 = assessment_open(actor="tests", unit=tree.unit, framework=framework, year=2570)
    # Another unit runs 2570 on the provisional 2569 general framework.
    b2570 = assessment_open(actor="tests", unit=tree.sibling, framework=general_2569, year=2570)
    assert (a2569.year, a2569.framework.code, a2569.framework_year_differs) == (
        2569,
        "ita-2569-general",
        False,
    )
    assert (a2570.year, a2570.framework.code, a2570.framework_year_differs) == (
        2570,
        "ita-2567-police",
        True,
    )
    assert b2570.framework_year_differs
    # The audit says which framework year was used for which fiscal year.
    entry = AuditEntry.objects.filter(action="assessment.open", object_id=str(a2570.pk)).get()
    assert entry.changes["year"] == 2570 and entry.changes["framework_year"] == 2567
    # The data periods follow the assessment's year, not the framework's.
    o12 = item_period(b2570, "O12")
    assert o12 is not None and (o12.start, o12.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    o6 = item_period(a2570, "O6")  # police 2567's default, first six months, moved to 2570
    assert o6 is not None and (o6.start, o6.end) == (dt.date(2026, 10, 1), dt.date(2027, 3, 31))


def test_the_year_defaults_to_the_frameworks_and_each_year_opens_once(
    tree: Tree, general_2569: Any
) -> None:
    assert assessment_open(actor="tests", unit=tree.unit, framework=general_2569).year == 2569
    with pytest.raises(ValidationError, match="มีการประเมินของปี 2569 อยู่แล้ว"):
        assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2569)
    with pytest.raises(ValidationError, match="ระหว่าง 2500 ถึง 2700"):
        assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=1969)
    assert Assessment.objects.filter(unit=tree.unit).count() == 1


def test_the_years_on_offer_run_from_the_oldest_framework_to_next_year(
    tree: Tree, framework: Any, general_2569: Any
) -> None:
    assessment_open(actor="tests", unit=tree.unit, framework=framework, year=2567)
    assert years_to_open(tree.unit, today=dt.date(2026, 1, 15)) == [2570, 2569, 2568, 2566]
    assert years_to_open(tree.unit, today=dt.date(2026, 11, 1)) == [2571, 2570, 2569, 2568, 2566]


def test_admin_opens_2570_against_the_2569_framework_after_a_warning(
    tree: Tree, people: Personas, general_2569: Any, client: Any
) -> None:
    client.force_login(people.admin)
    home = client.get(reverse("assessments:unit_home", kwargs={"slug": tree.unit.slug}))
    page = home.content.decode()
    assert 'name="year"' in page and '<option value="2570"' in page
    assert "ita-2569-general" in page and "ฉบับชั่วคราว" in page

    data = {"year": "2570", "framework": general_2569.pk, "headcount_internal": "40"}
    warned = client.post(_open_url(tree), data, HTTP_ACCEPT_LANGUAGE="th")
    assert warned.status_code == 200
    text = warned.content.decode()
    assert "กรอบการประเมินนี้จัดทำสำหรับปีงบประมาณ 2569 ไม่ใช่ 2570" in text
    assert 'type="checkbox" name="confirm_other_year"' in text
    assert not Assessment.objects.exists()

    opened = client.post(_open_url(tree), {**data, "confirm_other_year": "on"})
    assert opened.status_code == 302
    assessment = Assessment.objects.get(unit=tree.unit)
    assert (assessment.year, assessment.framework, assessment.headcount_internal) == (
        2570,
        general_2569,
        40,
    )
    # Opening the framework's own year needs no confirmation.
    same = client.post(_open_url(tree), {"year": "2569", "framework": general_2569.pk})
    assert same.status_code == 302
    assert Assessment.objects.filter(unit=tree.unit, year=2569).exists()
    # The unit's home lists both, and says which one borrows another year's framework.
    home = client.get(reverse("assessments:unit_home", kwargs={"slug": tree.unit.slug}))
    assert home.content.decode().count('data-testid="framework-year-differs"') == 1


def test_every_assessment_page_says_provisional_and_which_framework_year(
    tree: Tree, people: Personas, general_2569: Any, client: Any
) -> None:
    assessment_open(actor="tests", unit=tree.unit, framework=general_2569, year=2570)
    client.force_login(people.admin)
    kwargs = {"slug": tree.unit.slug, "year": 2570}
    for name in (
        "scoring:dashboard",
        "disclosures:workspace",
        "assessments:settings",
        "surveys:overview",
        "measures:plan",
        "reports:index",
    ):
        page = client.get(reverse(name, kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="th")
        assert page.status_code == 200, name
        text = page.content.decode()
        assert 'data-testid="provisional-notice"' in text, name
        assert "กรอบการประเมินฉบับชั่วคราว" in text, name
        assert 'data-testid="framework-year-notice"' in text, name
        assert "ใช้กรอบการประเมินที่จัดทำสำหรับปีงบประมาณ 2569" in text, name
    workspace = client.get(reverse("disclosures:workspace", kwargs=kwargs)).content.decode()
    assert 'data-testid="framework-provisional"' in workspace  # the badge by the heading


def test_an_official_framework_of_its_own_year_shows_no_notice(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    assessment.framework.status = "official"
    assessment.framework.save(update_fields=["status"])
    client.force_login(people.admin)
    page = client.get(
        reverse("scoring:dashboard", kwargs={"slug": tree.unit.slug, "year": 2567})
    ).content.decode()
    assert "framework-notice" not in page and "provisional-notice" not in page


@pytest.mark.parametrize(
    "data",
    [
        {"year": "abc", "framework": "x"},
        {"year": "2570", "framework": "00000000-0000-0000-0000-000000000000"},
        {"year": "1999", "framework": "", "confirm_other_year": "on"},
        {"year": "2567"},  # a year the unit already has
    ],
)
def test_bad_input_is_refused_and_opens_nothing(
    tree: Tree, people: Personas, framework: Any, general_2569: Any, client: Any, data: Any
) -> None:
    assessment_open(actor="tests", unit=tree.unit, framework=framework, year=2567)
    client.force_login(people.admin)
    response = client.post(
        _open_url(tree), {**data, "framework": data.get("framework", framework.pk)}
    )
    assert response.status_code == 200
    assert Assessment.objects.filter(unit=tree.unit).count() == 1

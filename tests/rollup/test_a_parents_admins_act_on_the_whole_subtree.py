"""A parent's admins open the year for every unit below at once (twice changes nothing), assign
an evaluator to many units (separation of duties holds: all or nothing), remind the units behind
(once a day), and viewers get a weekly digest (once a week, opt-out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.assessments.models import Assessment
from prongsai.core.models import AuditEntry
from prongsai.mail.models import OutgoingMail
from prongsai.organizations.models import Membership, Role
from prongsai.rollup.services import (
    digest_opt_out_set,
    digests_send,
    evaluators_assign,
    reminders_send,
    subtree_assessments_open,
)

from ..factories import UserFactory
from .conftest import Bureau


def test_bulk_open_creates_each_missing_assessment_once(client: Any, bureau: Bureau) -> None:
    tree = bureau.tree
    client.force_login(bureau.people.bureau_admin)
    url = reverse("rollup:action_open", kwargs={"slug": tree.bureau.slug, "year": 2568})
    page = client.post(url, {"framework": str(bureau.kalasin.framework.pk), "leaves_only": "on"})
    assert page.status_code == 302
    opened = Assessment.objects.filter(year=2568)
    assert set(opened.values_list("unit__slug", flat=True)) == {
        tree.unit.slug,
        tree.sibling.slug,
        tree.other_unit.slug,
    }
    # Last year's headcounts as a start.
    assert opened.get(unit=tree.unit).headcount_external == 2000
    again = subtree_assessments_open(
        actor=bureau.people.bureau_admin,
        root=tree.bureau,
        year=2568,
        framework=bureau.kalasin.framework,
    )
    assert (again.opened, again.already) == ([], 3)
    assert Assessment.objects.filter(year=2568).count() == 3
    assert AuditEntry.objects.filter(action="rollup.assessments_open").count() == 2


def test_bulk_open_is_for_the_parents_admins_only(client: Any, bureau: Bureau) -> None:
    client.force_login(bureau.people.viewer)
    url = reverse("rollup:action_open", kwargs={"slug": bureau.tree.bureau.slug, "year": 2568})
    assert client.post(url, {"framework": str(bureau.kalasin.framework.pk)}).status_code == 403
    assert not Assessment.objects.filter(year=2568).exists()


def test_an_evaluator_is_assigned_to_many_units_at_once(client: Any, bureau: Bureau) -> None:
    tree = bureau.tree
    evaluator: Any = UserFactory(username="bureau-evaluator")
    client.force_login(bureau.people.bureau_admin)
    url = reverse("rollup:action_evaluators", kwargs={"slug": tree.bureau.slug, "year": 2567})
    page = client.post(
        url, {"username": evaluator.username, "units": [tree.unit.slug, tree.other_unit.slug]}
    )
    assert page.status_code == 302
    assert set(
        Membership.objects.filter(user_id=evaluator.pk, role=Role.EVALUATOR).values_list(
            "unit__slug", flat=True
        )
    ) == {tree.unit.slug, tree.other_unit.slug}


def test_separation_of_duties_refuses_the_whole_assignment(client: Any, bureau: Bureau) -> None:
    tree = bureau.tree
    editor = bureau.people.sibling_editor  # edits Khonkaen: may not evaluate it
    client.force_login(bureau.people.bureau_admin)
    url = reverse("rollup:action_evaluators", kwargs={"slug": tree.bureau.slug, "year": 2567})
    page = client.post(
        url, {"username": editor.username, "units": [tree.unit.slug, tree.sibling.slug]}
    )
    assert page.status_code == 400
    assert tree.sibling.name_th in page.content.decode()
    assert not Membership.objects.filter(user=editor, role=Role.EVALUATOR).exists()
    try:
        evaluators_assign(
            actor=bureau.people.bureau_admin,
            root=tree.division,
            user=editor,
            units=[tree.other_unit],
        )
    except ValidationError as exc:
        assert "ไม่ได้อยู่ภายใต้" in " ".join(exc.messages) or exc.messages
    else:
        raise AssertionError("a unit outside the subtree was accepted")


def test_reminders_go_to_the_units_behind_once_a_day(bureau: Bureau) -> None:
    tree = bureau.tree
    day = dt.date(2024, 3, 1)
    sent = reminders_send(
        actor=bureau.people.bureau_admin, root=tree.bureau, year=2567, topic="iit", today=day
    )
    assert sent == 1  # Khonkaen, 3 IIT answers of 12
    mails = OutgoingMail.objects.filter(unit_id=str(tree.sibling.pk))
    assert [m.to for m in mails] == [["sibling-editor@example.go.th"]]
    assert "IIT ต่ำกว่าเป้าหมาย" in mails[0].params["subject"]
    again = reminders_send(
        actor=bureau.people.bureau_admin, root=tree.bureau, year=2567, topic="iit", today=day
    )
    assert again == 0 and OutgoingMail.objects.filter(unit_id=str(tree.sibling.pk)).count() == 1
    with_bad_topic = OutgoingMail.objects.count()
    with pytest.raises(ValidationError):
        reminders_send(
            actor=bureau.people.bureau_admin, root=tree.bureau, year=2567, topic="nonsense"
        )
    assert OutgoingMail.objects.count() == with_bad_topic


def _digests(bureau: Bureau) -> list[Any]:
    return list(OutgoingMail.objects.filter(to=[bureau.people.viewer.email]))


def test_the_weekly_digest_is_sent_once_a_week_and_can_be_stopped(
    client: Any, bureau: Bureau
) -> None:
    monday = dt.date(2024, 3, 4)
    assert digests_send(year=2567, today=monday) == 1
    assert digests_send(year=2567, today=monday + dt.timedelta(days=3)) == 0  # same week
    assert len(_digests(bureau)) == 1
    assert "สรุปประจำสัปดาห์" in _digests(bureau)[0].params["subject"]
    client.force_login(bureau.people.viewer)
    toggle = reverse("rollup:digest", kwargs={"slug": bureau.tree.bureau.slug, "year": 2567})
    assert client.post(toggle, {}).status_code == 302  # no "on": stop it
    assert digests_send(year=2567, today=monday + dt.timedelta(days=7)) == 0
    digest_opt_out_set(actor="tests", user=bureau.people.viewer, opted_out=False)
    assert digests_send(year=2567, today=monday + dt.timedelta(days=14)) == 1
    assert len(_digests(bureau)) == 2

"""A unit's managers set its complaint channel: the deadlines (the overdue list, the reminders
and the roll-up's "concluded on time" follow them), the categories the intake form offers, the
responsible office and other channels on the generated guideline, and whether handlers are
mailed on a new case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from prongsai.assessments.integrity_signals import SignalQuery
from prongsai.complaints import selectors, services
from prongsai.complaints.integrity import complaints_on_time
from prongsai.complaints.models import Complaint
from prongsai.core.models import AuditEntry
from prongsai.mail.models import OutgoingMail

from ..conftest import Personas, Tree
from .helpers import form_data, make_case, submit

SETTINGS = {
    "ack_days": "3",
    "answer_days": "10",
    "conclude_days": "30",
    "categories": ["bribery", "service"],
    "responsible": "ฝ่ายอำนวยการ ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์",
    "channels": "LINE @kalasin-imm\nโทร 043-811-000",
}


def _save(client: Any, tree: Tree, **overrides: Any) -> Any:
    return client.post(
        reverse("complaints:settings", kwargs={"slug": tree.unit.slug}),
        {**SETTINGS, **overrides},
    )


def test_a_manager_sets_the_channel_and_the_guideline_is_generated_from_it(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.admin)
    assert _save(client, tree).status_code == 302
    assert AuditEntry.objects.filter(action="complaint.settings").count() == 1
    client.logout()
    page = client.get(reverse("complaints:guideline", kwargs={"slug": tree.unit.slug}))
    assert (page.context["ack_days"], page.context["answer_days"]) == (3, 10)
    assert page.context["conclude_days"] == 30
    assert [c for c, _label in page.context["categories"]] == ["bribery", "service"]
    html = page.content.decode()
    assert "ฝ่ายอำนวยการ ตรวจคนเข้าเมืองจังหวัดกาฬสินธุ์" in html
    assert "LINE @kalasin-imm" in html and "โทร 043-811-000" in html


def test_the_intake_form_offers_only_the_units_categories(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.admin)
    _save(client, tree)
    client.logout()
    form = client.get(reverse("complaints:intake", kwargs={"slug": tree.unit.slug})).context["form"]
    assert [c for c, _label in form.fields["category"].choices] == ["bribery", "service"]
    response, code = submit(client, tree.unit, category="abuse")
    assert response.status_code == 400 and not code
    assert not Complaint.objects.exists()
    response, code = submit(client, tree.unit, category="service")
    assert code and Complaint.objects.get().category == "service"


def test_the_units_deadlines_make_cases_overdue(tree: Tree, people: Personas) -> None:
    case, _code = make_case(tree.unit)
    Complaint.objects.filter(pk=case.pk).update(received_at=timezone.now() - dt.timedelta(days=5))
    assert selectors.overdue_cases(tree.unit) == []  # 7 days to acknowledge by default
    services.channel_settings_save(
        actor=people.admin,
        unit=tree.unit,
        ack_days=3,
        answer_days=10,
        conclude_days=30,
        categories=["bribery"],
        responsible="",
        channels="",
        notify_handlers=True,
    )
    assert [c.pk for c in selectors.overdue_cases(tree.unit)] == [case.pk]
    row = selectors.cases_for(tree.unit, people.handler)[0]
    assert row.deadline is not None and row.deadline.overdue


def test_concluded_on_time_follows_the_units_days_to_conclude(
    tree: Tree, people: Personas, assessment: Any
) -> None:
    case, _code = make_case(tree.unit)
    received = dt.datetime(2024, 1, 10, 12, tzinfo=dt.UTC)
    Complaint.objects.filter(pk=case.pk).update(
        received_at=received,
        state="concluded",
        outcome="substantiated",
        acknowledged_at=received,
        concluded_at=received + dt.timedelta(days=40),
    )
    query = SignalQuery({assessment.pk: tree.unit.pk}, 2567, dt.date(2024, 6, 1))
    assert complaints_on_time(query)[assessment.pk].done == 1  # within the default 90 days
    services.channel_settings_save(
        actor=people.admin,
        unit=tree.unit,
        ack_days=3,
        answer_days=10,
        conclude_days=30,
        categories=["bribery"],
        responsible="",
        channels="",
        notify_handlers=True,
    )
    figure = complaints_on_time(query)[assessment.pk]
    assert (figure.done, figure.late) == (0, 1)


def test_handlers_are_mailed_on_a_new_case_unless_the_unit_turned_it_off(
    tree: Tree, people: Personas, client: Any
) -> None:
    submit(client, tree.unit)
    mail = OutgoingMail.objects.get()
    assert mail.to == [people.handler.email]
    assert form_data(tree.unit)["details"] not in str(mail.params)  # what was written stays in
    client.force_login(people.admin)
    _save(client, tree, notify_handlers="")
    client.logout()
    OutgoingMail.objects.all().delete()
    submit(client, tree.unit, category="bribery")
    assert not OutgoingMail.objects.exists()


def test_deadlines_out_of_order_are_refused_and_an_editor_cannot_change_them(
    tree: Tree, people: Personas, client: Any
) -> None:
    client.force_login(people.admin)
    assert _save(client, tree, ack_days="20", answer_days="10").status_code == 400
    with pytest.raises(ValidationError):
        services.channel_settings_save(
            actor=people.admin,
            unit=tree.unit,
            ack_days=5,
            answer_days=4,
            conclude_days=30,
            categories=["bribery"],
            responsible="",
            channels="",
            notify_handlers=True,
        )
    client.force_login(people.editor)
    assert _save(client, tree).status_code == 403
    assert not AuditEntry.objects.filter(action="complaint.settings").exists()

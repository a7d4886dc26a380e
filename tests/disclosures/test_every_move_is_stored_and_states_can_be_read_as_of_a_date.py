"""Every move of an OIT item is stored (who, when, from, to, round, released result), so that a
report can ask what each item's released state was on its cut-off date."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.apps import apps
from django.utils import timezone

from prongsai.disclosures import services
from prongsai.disclosures.models import ItemResult, ItemTransition, WorkState
from prongsai.disclosures.selectors import item_states_as_of

from ..conftest import Personas
from .helpers import add_link, review_all, work


def _moves(assessment: Any) -> list[tuple[Any, ...]]:
    return list(
        ItemTransition.objects.filter(assessment=assessment)
        .order_by("at", "id")
        .values_list("item__code", "event", "from_state", "to_state", "round", "result", "criteria")
    )


def _round_trip(assessment: Any, evaluator: Any = "tests") -> list[dt.datetime]:
    """O1: submitted, returned with a fail, resubmitted, accepted; the moments between."""
    moments = []
    add_link(assessment, "O1")
    services.work_submit(actor="tests", work=work(assessment, "O1"))
    moments.append(timezone.now())
    review_all(work(assessment, "O1"), "fail", action="return", comment="ขาดรูปถ่าย", actor=evaluator)
    moments.append(timezone.now())
    services.work_submit(actor="tests", work=work(assessment, "O1"))
    moments.append(timezone.now())
    review_all(work(assessment, "O1"), "pass", action="complete", actor=evaluator)
    moments.append(timezone.now())
    return moments


def test_each_move_is_a_row_with_who_when_from_to_and_round(
    assessment: Any, people: Personas
) -> None:
    _round_trip(assessment, evaluator=people.evaluator)
    criteria = [c.code for c in work(assessment, "O1").item.criteria.all()]
    assert _moves(assessment) == [
        ("O1", "submit", "draft", "submitted", 1, "", {}),
        ("O1", "return", "submitted", "returned", 1, "fail", dict.fromkeys(criteria, "fail")),
        ("O1", "submit", "returned", "resubmitted", 2, "fail", dict.fromkeys(criteria, "fail")),
        ("O1", "accept", "resubmitted", "accepted", 2, "pass", dict.fromkeys(criteria, "pass")),
    ]
    returned = ItemTransition.objects.get(assessment=assessment, event="return")
    assert returned.actor == people.evaluator
    assert returned.actor_label == people.evaluator.get_username()


def test_states_as_of_a_moment_or_a_day(assessment: Any) -> None:
    moments = _round_trip(assessment)
    states = [item_states_as_of(assessment, moment)["O1"] for moment in moments]
    assert [(s.state, s.round, s.result) for s in states] == [
        (WorkState.SUBMITTED, 1, ""),
        (WorkState.RETURNED, 1, ItemResult.FAIL),
        (WorkState.RESUBMITTED, 2, ItemResult.FAIL),
        (WorkState.ACCEPTED, 2, ItemResult.PASS),
    ]
    today = timezone.localdate()
    yesterday = item_states_as_of(assessment, today - dt.timedelta(days=1))
    assert {s.state for s in yesterday.values()} == {WorkState.DRAFT}
    assert not any(s.released for s in yesterday.values())
    # A date means "at the end of that day": everything done today counts.
    assert item_states_as_of(assessment, today)["O1"].result == ItemResult.PASS
    # Every item of the framework is there, in framework order.
    assert list(item_states_as_of(assessment, today))[:3] == ["O1", "O2", "O3"]


def test_head_approval_moves_are_stored_with_their_round(assessment: Any) -> None:
    unit = assessment.unit
    unit.require_head_approval = True
    unit.save()
    add_link(assessment, "O2")
    services.work_submit(actor="tests", work=work(assessment, "O2"))
    services.work_send_back(actor="tests", work=work(assessment, "O2"), note="แก้ชื่อเอกสาร")
    services.work_submit(actor="tests", work=work(assessment, "O2"))
    services.work_approve(actor="tests", work=work(assessment, "O2"))
    assert [m[1:5] for m in _moves(assessment)] == [
        ("submit_for_approval", "draft", "awaiting_approval", 1),
        ("send_back", "awaiting_approval", "draft", 1),
        ("submit_for_approval", "draft", "awaiting_approval", 1),
        ("approve", "awaiting_approval", "submitted", 1),
    ]


def test_the_data_migration_rebuilds_the_same_rows_from_the_audit_log(assessment: Any) -> None:
    """Items older than the transition log get their moves from the audit log (0003)."""
    _round_trip(assessment)
    add_link(assessment, "O2")
    services.work_submit(actor="tests", work=work(assessment, "O2"))
    recorded = _moves(assessment)
    at = list(ItemTransition.objects.order_by("at", "id").values_list("at", flat=True))
    ItemTransition.objects.all().delete()
    migration = importlib.import_module("prongsai.disclosures.migrations.0003_item_transitions")
    migration.backfill(apps, None)
    assert _moves(assessment) == recorded
    rebuilt = list(ItemTransition.objects.order_by("at", "id").values_list("at", flat=True))
    assert all(abs((a - b).total_seconds()) < 1 for a, b in zip(at, rebuilt, strict=True))


def test_items_the_audit_log_does_not_explain_get_one_recorded_row(assessment: Any) -> None:
    _round_trip(assessment)
    ItemTransition.objects.all().delete()
    from prongsai.core.models import AuditEntry

    AuditEntry.objects.filter(object_type="disclosures.itemwork").update(changes={})
    migration = importlib.import_module("prongsai.disclosures.migrations.0003_item_transitions")
    migration.backfill(apps, None)
    (row,) = ItemTransition.objects.filter(assessment=assessment)
    assert (row.event, row.from_state, row.to_state, row.round, row.result) == (
        "recorded",
        "draft",
        "accepted",
        2,
        "pass",
    )

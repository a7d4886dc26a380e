"""The survey write path stores with prepared statements (prongsai/core/statements.py) instead of
the ORM: the rows it writes must read back exactly as the ORM would have written them, unique
conflicts must still fail, and counters must count."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from prongsai.core.statements import (
    execute_all,
    increment,
    increment_statement,
    insert_row,
    insert_statement,
    row_exists,
)
from prongsai.surveys.models import Campaign, Response, SpentToken


@pytest.fixture
def campaign(assessment: Any) -> Campaign:
    return Campaign.objects.get(assessment=assessment, instrument="EIT")


def test_an_inserted_row_reads_back_as_written(campaign: Campaign) -> None:
    row_id, submission = uuid.uuid4(), uuid.uuid4()
    answers = {"e1": 4, "e2": 0, "ข้อ": 1}
    insert_row(
        Response,
        {
            "id": row_id,
            "campaign": campaign.pk,
            "submission_id": submission,
            "submitted_on": dt.date(2024, 2, 29),
            "source": "web",
            "answers": answers,
            "profile": {"p1": "ชาย"},
        },
    )
    stored = Response.objects.get(submission_id=submission)
    assert stored.pk == row_id and stored.campaign_id == campaign.pk
    assert stored.submitted_on == dt.date(2024, 2, 29) and stored.source == "web"
    assert stored.answers == answers and stored.profile == {"p1": "ชาย"}
    # The ORM finds it by its JSON content too (same encoding as the ORM's own writes).
    assert Response.objects.filter(answers__e1=4, profile__p1="ชาย").count() == 1
    assert row_exists(Response, submission_id=submission)
    assert not row_exists(Response, submission_id=uuid.uuid4())


def test_a_unique_conflict_fails_as_with_the_orm(db: None) -> None:
    insert_row(SpentToken, {"digest": "a" * 64})
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_row(SpentToken, {"digest": "a" * 64})
    assert SpentToken.objects.filter(digest="a" * 64).count() == 1


def test_increment_counts_the_matching_rows_only(campaign: Campaign, assessment: Any) -> None:
    before = type(assessment).objects.get(pk=assessment.pk).inputs_version
    assert increment(type(assessment), "inputs_version", 2, id=assessment.pk) == 1
    assert increment(type(assessment), "inputs_version", 1, id=uuid.uuid4()) == 0
    assert type(assessment).objects.get(pk=assessment.pk).inputs_version == before + 2


def test_statements_run_together_report_each_ones_outcome(
    campaign: Campaign, assessment: Any
) -> None:
    """On PostgreSQL they go as one round trip; each still reports its own rows changed."""
    statements = [
        insert_statement(SpentToken, {"digest": "b" * 64}),
        increment_statement(type(assessment), "inputs_version", 1, id=assessment.pk),
        increment_statement(type(assessment), "inputs_version", 1, id=uuid.uuid4()),
        ("SELECT COUNT(*) FROM surveys_spenttoken WHERE digest = %s", ["b" * 64]),
    ]
    with transaction.atomic():
        outcomes = execute_all(statements)
    assert [o.rowcount for o in outcomes[:3]] == [1, 1, 0]
    assert outcomes[3].row == (1,)


def test_a_conflict_among_statements_run_together_stores_none_of_them(
    assessment: Any,
) -> None:
    insert_row(SpentToken, {"digest": "c" * 64})
    before = type(assessment).objects.get(pk=assessment.pk).inputs_version
    with pytest.raises(IntegrityError), transaction.atomic():
        execute_all(
            [
                increment_statement(type(assessment), "inputs_version", 1, id=assessment.pk),
                insert_statement(SpentToken, {"digest": "c" * 64}),
                insert_statement(SpentToken, {"digest": "d" * 64}),
            ]
        )
    assert type(assessment).objects.get(pk=assessment.pk).inputs_version == before
    assert not SpentToken.objects.filter(digest="d" * 64).exists()

"""Anonymity, proven from the schema and the stored rows (DESIGN.md §6).

A stored IIT answer sheet carries no code, code id, user, address, session or time of day, and
nothing stored (answers, spent tokens, counters, audit log, log output) lets anyone rebuild which
code gave which answers, or in which order codes were used — not even the physical order of the
rows (they wait in the ballot box and are written in random batches, in random order) — and the
respondent gets no receipt (submission id) that would find their row.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import connection, models

from prongsai.core.models import AuditEntry
from prongsai.surveys import tokens
from prongsai.surveys.answers import layout_for
from prongsai.surveys.models import (
    AccessCode,
    Campaign,
    PendingSheet,
    RateCounter,
    Response,
    SpentToken,
)
from prongsai.surveys.services import ballot_box_flush, campaign_close_now

from .conftest import good_answers, iit_url, new_codes

FORBIDDEN_NAME_PARTS = ("code", "user", "ip", "addr", "session", "time", "created", "updated", "ua")


def test_the_response_schema_has_no_identifying_column(db: None) -> None:
    fields = {f.name: f for f in Response._meta.concrete_fields}
    assert set(fields) == {
        "id",
        "campaign",
        "submission_id",
        "submitted_on",
        "source",
        "answers",
        "profile",
    }
    # The day only; no timestamp, no time of day.
    assert type(fields["submitted_on"]) is models.DateField
    assert not any(isinstance(f, models.DateTimeField | models.TimeField) for f in fields.values())
    # Random keys only: no auto-increment column that would number responses in arrival order.
    assert isinstance(fields["id"], models.UUIDField)
    assert not any(isinstance(f, models.AutoField | models.BigAutoField) for f in fields.values())
    # Its only relation is the campaign (assessment × instrument): no user, code or batch.
    relations = [f for f in fields.values() if f.is_relation]
    assert [f.related_model for f in relations] == [Campaign]
    for name in fields:
        if name in ("submission_id", "submitted_on", "source"):
            continue  # checked above: random id, day, web/paper
        assert not any(part in name for part in FORBIDDEN_NAME_PARTS), name
    # Nothing else in the database table either (columns as the database sees them).
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(cursor, "surveys_response")
        }
    assert columns == {"id", "campaign_id", "submission_id", "submitted_on", "source", "answers",
                       "profile"}  # fmt: skip
    # The spent-token table holds a hash and nothing else.
    assert [f.name for f in SpentToken._meta.concrete_fields] == ["digest"]


def test_no_model_links_a_response_to_a_code() -> None:
    for model in apps.get_models():
        related = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
        assert not ({Response, SpentToken} & related and {AccessCode} & related), model


def _all_stored_text() -> str:
    """Every value of every table of the surveys app and of the audit log, as one text."""
    chunks = []
    models_: list[Any] = [*apps.get_app_config("surveys").get_models(), AuditEntry]
    for model in models_:
        for row in model._default_manager.values_list():
            chunks.append(repr(row))
    return "\n".join(chunks)


def test_stored_rows_and_logs_hold_no_trace_of_the_codes(
    client: Any, iit: Any, caplog: Any
) -> None:
    codes = new_codes(iit, 8)
    digests = [tokens.code_digest(c) for c in codes]
    audit_before = AuditEntry.objects.count()
    caplog.set_level(logging.DEBUG)

    ballots = []
    order = []
    for index, code in enumerate(codes):
        page = client.post(iit_url(iit), {"code": tokens.code_display(code)})
        assert page.status_code == 200
        ballot = page.context["ballot"]
        # The ballot the browser gets carries a random nonce and the campaign, not the code.
        payload = signing.loads(ballot.token, salt="prongsai.surveys.ballot")
        assert set(payload) == {"n", "c"}
        assert code not in ballot.token and tokens.code_digest(code) not in ballot.token
        ballots.append(ballot.token)
        order.append(str(page.context["submission_id"]))
        # Each respondent answers differently (level index % 4 + 1), so rows can be told apart.
        fields = {
            **good_answers(iit, level=index % 4 + 1),
            "ballot": ballot.token,
            "submission_id": order[-1],
        }
        assert client.post(iit_url(iit), fields).status_code == 200

    assert Response.objects.filter(campaign=iit).count() + PendingSheet.objects.count() == 8
    ballot_box_flush(campaign_id=iit.pk, everything=True)
    assert Response.objects.filter(campaign=iit).count() == 8
    # Used codes are gone: not even their hashes remain.
    assert AccessCode.objects.count() == 0
    stored = _all_stored_text()
    for code, digest in zip(codes, digests, strict=True):
        assert code not in stored
        assert tokens.code_display(code) not in stored
        assert digest not in stored
    # Redeeming and answering wrote nothing to the (time-stamped) audit log.
    assert AuditEntry.objects.count() == audit_before
    # Nor any server-side session (whose expiry date would time-stamp the visit).
    assert not Session.objects.exists()
    # Nothing logged mentions a code.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for code in codes:
        assert code not in logged and tokens.code_display(code) not in logged
    # Rate-limit rows (from entering codes) are keyed hashes of address and minute only.
    for row in RateCounter.objects.all():
        assert all(code not in row.digest for code in codes)


def _unique_sheet(campaign: Campaign, index: int) -> dict[str, str]:
    """Respondent ``index``'s answers: the first questions spell the index in base 4, so every
    stored row tells whose it is (for the test only)."""
    fields = good_answers(campaign)
    four_level = [
        key
        for key, question in layout_for(
            campaign.assessment.framework.spec, "IIT"
        ).question_of_key.items()
        if len(layout_for(campaign.assessment.framework.spec, "IIT").scale(question).levels) == 4
    ]
    for position, key in enumerate(four_level[:3]):
        fields[f"a_{key}"] = str(index // 4**position % 4 + 1)
    return fields


def _whose(campaign: Campaign, answers: dict[str, int]) -> int:
    layout = layout_for(campaign.assessment.framework.spec, "IIT")
    four_level = [k for k, q in layout.question_of_key.items() if len(layout.scale(q).levels) == 4]
    return sum((int(answers[key]) - 1) * 4**position for position, key in enumerate(four_level[:3]))


def _answer_one_after_the_other(client: Any, iit: Campaign, count: int) -> list[str]:
    """``count`` staff enter their codes and answer, in turn; returns their submission ids."""
    ids = []
    for index, code in enumerate(new_codes(iit, count)):
        page = client.post(iit_url(iit), {"code": code})
        submission_id = str(page.context["submission_id"])
        fields = {
            **_unique_sheet(iit, index),
            "ballot": page.context["ballot"].token,
            "submission_id": submission_id,
        }
        done = client.post(iit_url(iit), fields)
        assert done.status_code == 200
        assert "X-Submission-Id" not in done  # no receipt
        ids.append(submission_id)
    return ids


def test_no_stored_column_orders_responses_by_arrival(client: Any, iit: Any) -> None:
    """Eight respondents answer one after the other; no column sorts them back into that order
    (a random order matches by chance once in 40,320)."""
    form_ids = _answer_one_after_the_other(client, iit, 8)
    ballot_box_flush(campaign_id=iit.pk, everything=True)
    rows = list(
        Response.objects.filter(campaign=iit).values(
            "id", "submission_id", "submitted_on", "answers"
        )
    )
    assert len(rows) == 8
    assert len({row["submitted_on"] for row in rows}) == 1  # the same day: no finer time
    # The ids respondents' forms carried are nowhere: a form id is no receipt for a row.
    assert not {str(row["submission_id"]) for row in rows} & set(form_ids)
    for column in ("id", "submission_id"):
        ordered = [_whose(iit, r["answers"]) for r in sorted(rows, key=lambda r: str(r[column]))]
        assert ordered != list(range(8)), column
    # Spent ballot nonces are stored as hashes, which sort randomly too.
    assert SpentToken.objects.count() == 16  # per respondent: the ballot, and its post (retries)


def _physical_order(campaign: Campaign) -> list[tuple[dict[str, int], str]]:
    """Stored IIT answers in the order the database keeps them, with each row's transaction."""
    assert Response._meta.db_table == "surveys_response"
    campaign_id = Response._meta.get_field("campaign").get_db_prep_value(campaign.pk, connection)
    if connection.vendor == "sqlite":
        sql = "SELECT answers, '' FROM surveys_response WHERE campaign_id = %s ORDER BY rowid"
    else:
        sql = (
            "SELECT answers, xmin::text FROM surveys_response WHERE campaign_id = %s ORDER BY ctid"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign_id])
        rows = cursor.fetchall()
    return [(a if isinstance(a, dict) else json.loads(a), xmin) for a, xmin in rows]


@pytest.mark.django_db(transaction=True)
def test_the_physical_order_of_stored_answers_is_not_the_arrival_order(
    tree: Any, assessment: Any, settings: Any
) -> None:
    """Twelve staff answer in turn (each in its own committed transaction). The stored rows'
    physical order (SQLite rowid; PostgreSQL ctid) is not the order they answered in, and on
    PostgreSQL the rows share one transaction id (xmin), so neither puts them back in order; an
    access log's times could not be matched to rows. (A random order matches by chance once in
    479 million.)"""
    from django.test import Client

    from .conftest import open_campaign

    settings.SURVEY_IIT_BATCH_MIN = 100  # everything waits until the campaign closes
    settings.SURVEY_CODE_ATTEMPTS_PER_MINUTE = 100  # twelve codes from one test address
    iit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="IIT"))
    _answer_one_after_the_other(Client(), iit, 12)
    assert PendingSheet.objects.filter(campaign=iit).count() == 12  # acknowledged = committed
    assert not Response.objects.filter(campaign=iit).exists()
    campaign_close_now(actor="tests", campaign=iit)  # writes the ballot box's sheets

    stored = _physical_order(iit)
    assert not PendingSheet.objects.exists()
    order = [_whose(iit, answers) for answers, _xmin in stored]
    assert sorted(order) == list(range(12))
    assert order != list(range(12)) and order != list(range(11, -1, -1))
    if connection.vendor == "postgresql":
        assert len({xmin for _answers, xmin in stored}) == 1


@pytest.mark.django_db(transaction=True)
def test_sheets_are_written_in_random_batches_once_enough_wait(
    tree: Any, assessment: Any, settings: Any
) -> None:
    """With a batch minimum of 3, nine staff answer: sheets are written in batches of at least
    three, never one by one; every sheet is written exactly once and counted in the tallies
    with it; what still waits is written when the campaign closes."""
    from django.test import Client

    from prongsai.surveys.selectors import campaign_cards, tally_drift

    from .conftest import iit_received, open_campaign

    settings.SURVEY_IIT_BATCH_MIN = 3
    iit = open_campaign(Campaign.objects.get(assessment=assessment, instrument="IIT"))
    client = Client()
    written_before = 0
    for index, code in enumerate(new_codes(iit, 9), start=1):
        page = client.post(iit_url(iit), {"code": code})
        fields = {**_unique_sheet(iit, index), "ballot": page.context["ballot"].token,
                  "submission_id": str(page.context["submission_id"])}  # fmt: skip
        assert client.post(iit_url(iit), fields).status_code == 200
        written = Response.objects.filter(campaign=iit).count()
        assert iit_received(iit) == index
        assert written == written_before or written - written_before >= 3  # a batch, or nothing
        assert PendingSheet.objects.filter(campaign=iit).count() < 4 * 3  # the box stays small
        drift = tally_drift(assessment, "IIT")
        assert drift.rows == written and not drift.changed  # tallies count exactly the rows
        written_before = written
        card = next(c for c in campaign_cards(assessment) if c.campaign.instrument == "IIT")
        assert card.count == index  # the survey page counts waiting sheets as received
    assert written_before >= 3  # by nine sheets, at least one batch has been written
    campaign_close_now(actor="tests", campaign=iit)
    assert Response.objects.filter(campaign=iit).count() == 9
    assert not PendingSheet.objects.exists()
    assert not tally_drift(assessment, "IIT").changed


def test_the_ballot_box_holds_nothing_linkable(db: None) -> None:
    fields = {f.name: f for f in PendingSheet._meta.concrete_fields}
    assert set(fields) == {"id", "campaign", "submitted_on", "answers", "profile"}
    assert isinstance(fields["id"], models.UUIDField)
    assert type(fields["submitted_on"]) is models.DateField
    assert [f.related_model for f in fields.values() if f.is_relation] == [Campaign]

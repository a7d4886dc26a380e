"""Anonymity, proven from the schema and the stored rows (DESIGN.md §6).

A stored IIT answer sheet carries no code, code id, user, address, session or time of day, and
nothing stored (answers, spent tokens, counters, audit log, log output) lets anyone rebuild which
code gave which answers, or in which order codes were used.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import connection, models

from prongsai.core.models import AuditEntry
from prongsai.surveys import tokens
from prongsai.surveys.models import AccessCode, Campaign, RateCounter, Response, SpentToken

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


def test_no_stored_column_orders_responses_by_arrival(client: Any, iit: Any) -> None:
    """Eight respondents answer one after the other; no column sorts them back into that order
    (a random order matches by chance once in 40,320)."""
    arrival = []
    for index, code in enumerate(new_codes(iit, 8)):
        page = client.post(iit_url(iit), {"code": code})
        submission_id = str(page.context["submission_id"])
        fields = {
            **good_answers(iit, level=index % 4 + 1),
            "ballot": page.context["ballot"].token,
            "submission_id": submission_id,
        }
        client.post(iit_url(iit), fields)
        arrival.append(uuid.UUID(submission_id))
    rows = list(Response.objects.filter(campaign=iit).values("id", "submission_id", "submitted_on"))
    assert len({row["submitted_on"] for row in rows}) == 1  # the same day: no finer time
    for column in ("id", "submission_id"):
        ordered = [r["submission_id"] for r in sorted(rows, key=lambda r: str(r[column]))]
        assert ordered != arrival, column
    # Spent ballot nonces are stored as hashes, which sort randomly too.
    spent = sorted(SpentToken.objects.values_list("digest", flat=True))
    assert len(spent) == 8

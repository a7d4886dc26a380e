"""Per-address rate limit, shared by every server process (a database counter per minute).

The counter is incremented inside the transaction that stores the answer (or redeems a code), so
a refused request leaves nothing behind, and all workers see the same counts. Addresses are kept
only as a keyed hash of (scope, minute, address); rows of past minutes are deleted as new minutes
begin, so no address (hashed or not) outlives its minute by much.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.crypto import salted_hmac

from prongsai.core.statements import Statement, execute_all

# One statement on both SQLite (≥ 3.35) and PostgreSQL; the table name is fixed in the model.
_UPSERT = (
    "INSERT INTO surveys_ratecounter (digest, minute, hits) VALUES (%s, %s, 1) "
    "ON CONFLICT (digest, minute) DO UPDATE SET hits = surveys_ratecounter.hits + 1 "
    "RETURNING hits"
)
_PURGE = "DELETE FROM surveys_ratecounter WHERE minute < %s"


class RateLimited(Exception):
    """Too many requests from this address in the current minute."""


@dataclass(frozen=True)
class RateHit:
    """One request to count: its keyed digest and minute, computed before the transaction."""

    digest: str
    minute: int
    limit: int


def rate_prepare(*, scope: str, address: str, limit: int) -> RateHit:
    minute = int(time.time() // 60)
    digest = salted_hmac(
        "prongsai.surveys.rate", f"{scope}|{minute}|{address}", algorithm="sha256"
    ).hexdigest()
    return RateHit(digest=digest, minute=minute, limit=limit)


def rate_statement(hit: RateHit) -> Statement:
    """The counter's upsert (``RETURNING`` the count), to run with other statements."""
    return _UPSERT, [hit.digest, hit.minute]


def rate_settle(hit: RateHit, count: int) -> int:
    """After :func:`rate_statement` returned ``count``: forget older minutes on the first
    request of a minute; raise :class:`RateLimited` past the limit."""
    if count == 1:  # first request of this address this minute: forget older minutes
        with connection.cursor() as cursor:
            cursor.execute(_PURGE, [hit.minute - 1])
    if count > hit.limit:
        raise RateLimited
    return int(count)


def rate_count(hit: RateHit) -> int:
    """Count a prepared request; raise :class:`RateLimited` past its limit.

    Must run inside the transaction of the write it guards (the increment rolls back with it).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rate_count() must run inside the guarded write's transaction")
    (outcome,) = execute_all([rate_statement(hit)])
    assert outcome.row is not None
    return rate_settle(hit, int(outcome.row[0]))


def rate_hit(*, scope: str, address: str, limit: int) -> int:
    """Count one request of ``scope`` from ``address``; raise :class:`RateLimited` past ``limit``.

    Must run inside the transaction of the write it guards (the increment rolls back with it).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rate_hit() must run inside the guarded write's transaction")
    return rate_count(rate_prepare(scope=scope, address=address, limit=limit))


def rate_reached(hit: RateHit) -> bool:
    """Whether the address already used up this minute (a read, no write): lets a costly request
    be refused before its costly part. The count in the write's transaction still decides."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT hits FROM surveys_ratecounter WHERE digest = %s AND minute = %s",
            [hit.digest, hit.minute],
        )
        row = cursor.fetchone()
    return row is not None and int(row[0]) >= hit.limit

"""Per-address rate limit, shared by every server process (a database counter per minute).

The counter is incremented inside the transaction that stores the answer (or redeems a code), so
a refused request leaves nothing behind, and all workers see the same counts. Addresses are kept
only as a keyed hash of (scope, minute, address); rows of past minutes are deleted as new minutes
begin, so no address (hashed or not) outlives its minute by much.

The EIT submission path (``rate_prepare(spread=True)``) on PostgreSQL counts into one of
``RATE_SHARDS`` rows of the address's minute, chosen at random, and compares the sum of them
with the limit: an increment locks its row until the commit has reached the disk, so one row
would make every submission from one address (a school's or an office's NAT) wait for the one
before it. The sum reads the other rows' committed hits, so concurrent requests from one
address — at most one per server worker — can pass the limit by that many; requests one after
another are counted exactly, on any server. Elsewhere (and on SQLite, one writer at a time
anyway) one row per address and minute.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.crypto import salted_hmac

from prongsai.core.statements import Statement, execute_all

# One statement on both SQLite (≥ 3.35) and PostgreSQL; the table name is fixed in the model.
_UPSERT = (
    "INSERT INTO surveys_ratecounter (digest, minute, shard, hits) VALUES (%s, %s, %s, 1) "
    "ON CONFLICT (digest, minute, shard) DO UPDATE SET hits = surveys_ratecounter.hits + 1 "
    "RETURNING hits"
)
_SUM = "SELECT COALESCE(SUM(hits), 0) FROM surveys_ratecounter WHERE digest = %s AND minute = %s"
RATE_SHARDS = 8
_PURGE = "DELETE FROM surveys_ratecounter WHERE minute < %s"


class RateLimited(Exception):
    """Too many requests from this address in the current minute."""


@dataclass(frozen=True)
class RateHit:
    """One request to count: its keyed digest and minute, computed before the transaction."""

    digest: str
    minute: int
    limit: int
    shard: int = 0
    spread: bool = False  # counted over RATE_SHARDS rows: the limit applies to their sum


def rate_prepare(*, scope: str, address: str, limit: int, spread: bool = False) -> RateHit:
    """``spread``: a hot path (EIT submissions) — on PostgreSQL count into a random one of the
    address's ``RATE_SHARDS`` rows of this minute (module docstring)."""
    minute = int(time.time() // 60)
    digest = salted_hmac(
        "prongsai.surveys.rate", f"{scope}|{minute}|{address}", algorithm="sha256"
    ).hexdigest()
    if spread and connection.vendor == "postgresql":
        shard = random.randrange(RATE_SHARDS)  # noqa: S311 (spreading load, not a secret)
        return RateHit(digest=digest, minute=minute, limit=limit, shard=shard, spread=True)
    return RateHit(digest=digest, minute=minute, limit=limit)


def rate_statement(hit: RateHit) -> Statement:
    """The counter's upsert (``RETURNING`` the count), to run with other statements."""
    return _UPSERT, [hit.digest, hit.minute, hit.shard]


def rate_statements(hit: RateHit) -> list[Statement]:
    """The upsert and, for a spread hit, the sum of the address's rows (:func:`rate_settle`
    takes their first values, in this order)."""
    if hit.spread:
        return [rate_statement(hit), (_SUM, [hit.digest, hit.minute])]
    return [rate_statement(hit)]


def rate_settle(hit: RateHit, count: int, total: int | None = None) -> int:
    """After :func:`rate_statement` returned ``count`` (and, spread, the sum ``total``): forget
    older minutes on the first request of a minute; raise :class:`RateLimited` past the limit."""
    if count == 1:  # first request of this address this minute (in this row): forget older ones
        with connection.cursor() as cursor:
            cursor.execute(_PURGE, [hit.minute - 1])
    seen = int(count if total is None else total)
    if seen > hit.limit:
        raise RateLimited
    return seen


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

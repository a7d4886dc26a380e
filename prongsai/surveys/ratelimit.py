"""Per-address rate limit, shared by every server process (a database counter per minute).

The counter is incremented inside the transaction that stores the answer (or redeems a code), so
a refused request leaves nothing behind, and all workers see the same counts. Addresses are kept
only as a keyed hash of (scope, minute, address); rows of past minutes are deleted as new minutes
begin, so no address (hashed or not) outlives its minute by much.
"""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.utils.crypto import salted_hmac

# One statement on both SQLite (≥ 3.35) and PostgreSQL; the table name is fixed in the model.
_UPSERT = (
    "INSERT INTO surveys_ratecounter (digest, minute, hits) VALUES (%s, %s, 1) "
    "ON CONFLICT (digest, minute) DO UPDATE SET hits = surveys_ratecounter.hits + 1 "
    "RETURNING hits"
)
_PURGE = "DELETE FROM surveys_ratecounter WHERE minute < %s"


class RateLimited(Exception):
    """Too many requests from this address in the current minute."""


def rate_hit(*, scope: str, address: str, limit: int) -> int:
    """Count one request of ``scope`` from ``address``; raise :class:`RateLimited` past ``limit``.

    Must run inside the transaction of the write it guards (the increment rolls back with it).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("rate_hit() must run inside the guarded write's transaction")
    minute = int(time.time() // 60)
    digest = salted_hmac(
        "prongsai.surveys.rate", f"{scope}|{minute}|{address}", algorithm="sha256"
    ).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [digest, minute])
        (count,) = cursor.fetchone()
        if count == 1:  # first request of this address this minute: forget older minutes
            cursor.execute(_PURGE, [minute - 1])
    if count > limit:
        raise RateLimited
    return int(count)

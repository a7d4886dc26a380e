"""Receipt codes: 16 random digits, shown once, stored only as an Argon2 hash.

A case is found by a keyed digest (HMAC with SECRET_KEY) of the code's first eight digits, and
the whole code is then checked against the Argon2 hash of each case found (usually one): the
database alone gives neither the code nor a cheap way to guess it.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.utils.crypto import salted_hmac

LENGTH = 16
# OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1): a hash costs tens of milliseconds.
# OWASP's equally strong settings with less memory (12 MiB × 3 … 7 MiB × 5 passes) measured only
# 10–20 % faster on the 2-core machine and cost an attacker's GPU less memory, so the first stays.
# The hash is computed before the case's transaction (services.complaint_submit), never under
# the database's write lock.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def receipt_new() -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(LENGTH))


def receipt_normalise(raw: str) -> str:
    """What the complainant typed → the digits (spaces and dashes ignored); '' if not a code."""
    digits = "".join(ch for ch in raw if ch not in " -\u00a0")
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return ""
    return digits


def receipt_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def receipt_lookup(code: str) -> str:
    return salted_hmac("prongsai.complaints.receipt", code[:8], algorithm="sha256").hexdigest()


def receipt_hash(code: str) -> str:
    return _HASHER.hash(code)


@cache
def dummy_hash() -> str:
    """Checked against when no case matches, so that a wrong code takes as long as a right one."""
    return _HASHER.hash("0" * LENGTH)


def receipt_matches(code: str, stored: str) -> bool:
    try:
        return bool(_HASHER.verify(stored, code))
    except (VerificationError, InvalidHashError):
        return False

"""Codes, ballots, challenges and device marks: everything the survey hands out and checks.

* IIT access codes: short, unambiguous, random; stored only as a keyed hash (``code_digest``).
* IIT ballots: a signed, stateless token handed over when a code is redeemed (random nonce,
  campaign, expiry). Only a hash of the nonce is stored, when the answers arrive.
* EIT challenges: a signed random salt with a light proof of work (a nonce whose SHA-256 has a
  few leading zero bits, found by static JS) or, without JavaScript, a small sum to answer.
* The EIT device mark: a signed cookie saying "this browser has answered this campaign".

Signing uses Django's ``signing`` (HMAC with SECRET_KEY); rotating SECRET_KEY invalidates unused
codes and open ballots.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read from a slip and type on a phone.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 10  # 25**10 ≈ 9.5e13 possibilities per code

_BALLOT_SALT = "prongsai.surveys.ballot"
_CHALLENGE_SALT = "prongsai.surveys.challenge"
_DEVICE_SALT = "prongsai.surveys.device"


# --- access codes ---------------------------------------------------------------------------
def code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_normalise(raw: str) -> str:
    """What the respondent typed → the canonical code (case, spaces and dashes ignored)."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def code_display(code: str) -> str:
    """``ACDEFGHJKM`` → ``ACDEF-GHJKM`` (printed on slips)."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def code_digest(code: str) -> str:
    return salted_hmac(
        "prongsai.surveys.code", code_normalise(code), algorithm="sha256"
    ).hexdigest()


def token_digest(kind: str, value: str) -> str:
    """Hash under which a spent single-use token is remembered."""
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


# --- IIT ballots ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Ballot:
    token: str
    nonce: str
    campaign_id: str

    @property
    def spent_digest(self) -> str:
        return token_digest("ballot", self.nonce)


def ballot_issue(campaign_id: Any) -> Ballot:
    nonce = secrets.token_urlsafe(18)
    token = signing.dumps({"n": nonce, "c": str(campaign_id)}, salt=_BALLOT_SALT)
    return Ballot(token=token, nonce=nonce, campaign_id=str(campaign_id))


def ballot_read(token: str, campaign_id: Any) -> Ballot | None:
    """The ballot if the token is genuine, unexpired and for this campaign; else None."""
    if not token or len(token) > 400:
        return None
    try:
        data = signing.loads(
            token,
            salt=_BALLOT_SALT,
            max_age=settings.SURVEY_BALLOT_MAX_AGE,
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("c") != str(campaign_id):
        return None
    nonce = data.get("n")
    if not isinstance(nonce, str) or not nonce:
        return None
    return Ballot(token=token, nonce=nonce, campaign_id=str(campaign_id))


# --- EIT challenges -------------------------------------------------------------------------
@dataclass(frozen=True)
class Challenge:
    token: str
    salt: str
    bits: int
    a: int
    b: int
    issued: float

    @property
    def spent_digest(self) -> str:
        return token_digest("challenge", self.salt)

    @property
    def age(self) -> float:
        return time.time() - self.issued


def challenge_issue(campaign_id: Any) -> Challenge:
    salt = secrets.token_urlsafe(12)
    bits = settings.SURVEY_POW_BITS
    a, b = 2 + secrets.randbelow(8), 2 + secrets.randbelow(8)
    issued = time.time()
    token = signing.dumps(
        {"c": str(campaign_id), "s": salt, "b": bits, "q": [a, b], "t": int(issued)},
        salt=_CHALLENGE_SALT,
    )
    return Challenge(token=token, salt=salt, bits=bits, a=a, b=b, issued=issued)


def challenge_read(token: str, campaign_id: Any) -> Challenge | None:
    if not token or len(token) > 400:
        return None
    try:
        data = signing.loads(
            token,
            salt=_CHALLENGE_SALT,
            max_age=settings.SURVEY_CHALLENGE_MAX_AGE,
        )
    except signing.BadSignature:
        return None
    try:
        if data["c"] != str(campaign_id):
            return None
        a, b = (int(v) for v in data["q"])
        return Challenge(
            token=token, salt=str(data["s"]), bits=int(data["b"]), a=a, b=b, issued=data["t"]
        )
    except (KeyError, TypeError, ValueError):
        return None


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + (8 - byte.bit_length())
    return bits


def pow_ok(challenge: Challenge, nonce: str) -> bool:
    """SHA-256("<token>:<nonce>") starts with ``bits`` zero bits (what static/surveys JS finds)."""
    if not nonce or len(nonce) > 32:
        return False
    digest = hashlib.sha256(f"{challenge.token}:{nonce}".encode()).digest()
    return leading_zero_bits(digest) >= challenge.bits


def pow_solve(token: str, bits: int) -> str:
    """Find a nonce (for tests, the demo and the benchmark; browsers use the static JS)."""
    counter = 0
    prefix = f"{token}:".encode()
    while True:
        nonce = format(counter, "x")
        if leading_zero_bits(hashlib.sha256(prefix + nonce.encode()).digest()) >= bits:
            return nonce
        counter += 1


def sum_ok(challenge: Challenge, answer: str) -> bool:
    """The no-JavaScript fallback: the sum is right and the form was not filled inhumanly fast."""
    answer = (answer or "").strip()
    if not answer.isdigit() or len(answer) > 3:
        return False
    if challenge.age < settings.SURVEY_MIN_SECONDS_WITHOUT_JS:
        return False
    return constant_time_compare(answer, str(challenge.a + challenge.b))


# --- EIT device mark ------------------------------------------------------------------------
def device_cookie_name(campaign_id: Any) -> str:
    return f"prongsai_answered_{str(campaign_id).replace('-', '')[:12]}"


def device_mark(campaign_id: Any) -> str:
    return signing.dumps({"c": str(campaign_id)}, salt=_DEVICE_SALT)


def device_has_answered(cookie: str | None, campaign_id: Any) -> bool:
    if not cookie:
        return False
    try:
        data = signing.loads(cookie, salt=_DEVICE_SALT)
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("c") == str(campaign_id)

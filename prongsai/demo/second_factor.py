"""Demo log-ins with a second factor: the personas whose role needs one (platform admin, unit
admins, the evaluator) get an authenticator key and recovery codes known in advance, so that
``demo_load`` can print them with the log-ins. The keys are derived from the user name and a
fixed demo salt: never use demo data in production (``demo_load`` is for DEBUG instances).

Without an authenticator app, ``manage.py demo_code USERNAME`` prints the code a demo
persona's app would show now (DEBUG only).
"""

from __future__ import annotations

import hashlib
import time
from base64 import b32encode
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.accounts.second_factor import second_factor_required
from prongsai.accounts.services import RECOVERY_CODES, RECOVERY_NAME, TOTP_NAME

SALT = "prongsai-demo-second-factor"


@dataclass(frozen=True)
class DemoSecondFactor:
    username: str
    secret_b32: str
    recovery_codes: list[str]


def demo_key_hex(username: str) -> str:
    return hashlib.sha1(f"{SALT}:totp:{username}".encode()).hexdigest()  # noqa: S324 (a key, not a hash)


def demo_recovery_codes(username: str) -> list[str]:
    return [
        hashlib.sha256(f"{SALT}:recovery:{username}:{n}".encode()).hexdigest()[:10]
        for n in range(RECOVERY_CODES)
    ]


def provision(user: AbstractBaseUser) -> DemoSecondFactor | None:
    """Give a demo persona who needs a second factor its known key and recovery codes
    (idempotent: used-up recovery codes come back)."""
    if not second_factor_required(user):
        return None
    username = user.get_username()
    key = demo_key_hex(username)
    TOTPDevice.objects.filter(user_id=user.pk).exclude(key=key).delete()
    TOTPDevice.objects.get_or_create(
        user_id=user.pk, key=key, defaults={"name": TOTP_NAME, "confirmed": True}
    )
    device, _created = StaticDevice.objects.get_or_create(
        user_id=user.pk, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    codes = demo_recovery_codes(username)
    device.token_set.exclude(token__in=codes).delete()
    present = set(device.token_set.values_list("token", flat=True))
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes if code not in present]
    )
    return DemoSecondFactor(username, b32encode(bytes.fromhex(key)).decode(), codes)


def demo_code(username: str) -> str:
    """The code the persona's authenticator app shows now."""
    totp = TOTP(bytes.fromhex(demo_key_hex(username)))
    totp.time = time.time()
    return f"{totp.token():06d}"

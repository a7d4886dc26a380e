"""Writes for accounts: second-factor enrolment, recovery codes, resets and log-in unlocks.
Each runs in one transaction and is audited (never with a secret in the entry)."""

from __future__ import annotations

import re
import time

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from prongsai.core.audit import audit_record

Actor = AbstractBaseUser | str  # a user, or the name of a command run by the operator

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def normalise_code(text: str) -> str:
    """What people type: spaces and hyphens between groups, any case."""
    return re.sub(r"[\s\-]", "", text).lower()


def totp_new_key() -> str:
    """A fresh authenticator key (hex, 20 random bytes), kept in the session until confirmed."""
    return default_key()


def totp_device_for_key(key_hex: str) -> TOTPDevice:
    """An unsaved device for showing the QR code and key of a key being set up."""
    return TOTPDevice(key=key_hex, name=TOTP_NAME, confirmed=False)


def _recovery_codes_replace(user: AbstractBaseUser) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_enrol(*, user: AbstractBaseUser, key_hex: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Keep the authenticator whose key is ``key_hex`` once a code it shows proves it works;
    returns the device and fresh recovery codes (shown once). It replaces any earlier one."""
    checker = totp_device_for_key(key_hex)
    totp = TOTP(checker.bin_key, checker.step, checker.t0, checker.digits, checker.drift)
    totp.time = time.time()
    code = normalise_code(token)
    if not (code.isdigit() and totp.verify(int(code), checker.tolerance)):
        raise ValidationError(
            _("The code is not right. Type the 6 digits your authenticator app shows now."),
            code="bad_code",
        )
    TOTPDevice.objects.filter(user_id=user.pk).delete()
    device = TOTPDevice.objects.create(
        user=user, key=key_hex, name=TOTP_NAME, confirmed=True, last_t=totp.t()
    )
    codes = _recovery_codes_replace(user)
    audit_record(
        actor=user,
        action="account.second_factor.enrol",
        obj=user,
        changes={"device": TOTP_NAME, "recovery_codes": RECOVERY_CODES},
    )
    return device, codes


@transaction.atomic
def recovery_codes_regenerate(*, actor: Actor, user: AbstractBaseUser) -> list[str]:
    codes = _recovery_codes_replace(user)
    audit_record(
        actor=actor,
        action="account.recovery_codes.regenerate",
        obj=user,
        changes={"recovery_codes": RECOVERY_CODES},
    )
    return codes


def second_factor_check(*, user: AbstractBaseUser, token: str) -> Device | None:
    """The device that accepts ``token`` (an authenticator code or a recovery code, which is then
    used up), or None. Failed tries slow further tries down (django-otp throttling)."""
    code = normalise_code(token)
    if not code:
        return None
    devices: list[Device] = [
        *TOTPDevice.objects.filter(user_id=user.pk, confirmed=True),
        *StaticDevice.objects.filter(user_id=user.pk, confirmed=True),
    ]
    for device in devices:
        if isinstance(device, TOTPDevice) and not code.isdigit():
            continue
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            if isinstance(verified, StaticDevice):
                with transaction.atomic():
                    audit_record(
                        actor=user,
                        action="account.recovery_code.use",
                        obj=user,
                        changes={"left": verified.token_set.count()},
                    )
            return verified
    return None


@transaction.atomic
def second_factor_reset(*, actor: Actor, user: AbstractBaseUser) -> int:
    """Remove a user's authenticator and recovery codes (lost phone): they enrol again at their
    next log-in. Returns the number of devices removed."""
    removed = TOTPDevice.objects.filter(user_id=user.pk).delete()[0]
    removed += StaticDevice.objects.filter(user_id=user.pk).delete()[0]
    audit_record(
        actor=actor, action="account.second_factor.reset", obj=user, changes={"removed": removed}
    )
    return removed


@transaction.atomic
def account_unlock(*, actor: Actor, username: str = "", address: str = "") -> int:
    """Lift the log-in lock-out of an account and/or a client address; returns the number of
    failed-attempt records removed."""
    from axes.utils import reset

    if not username and not address:
        raise ValidationError(_("Name an account or an address to unlock."), code="empty")
    removed = 0
    if username:
        removed += reset(username=username)
    if address:
        removed += reset(ip=address)
    audit_record(
        actor=actor,
        action="account.unlock",
        object_type="auth.user",
        object_repr=username or address,
        changes={"username": username, "address": address, "attempts_removed": removed},
    )
    return removed

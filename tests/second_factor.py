"""Logging test users in the way the product does, second factor included.

``TwoFactorClient.force_login(user)`` also verifies the session with the user's authenticator
(made on the fly with a known key), exactly what entering a code does; pass
``second_factor=False`` to get a password-only session (to test that it is stopped).
``current_code(user)`` gives the code an authenticator app would show now (browser tests).
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.accounts.second_factor import second_factor_required

TEST_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex


def test_device(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", key=TEST_KEY, confirmed=True)
    return device


test_device.__test__ = False  # type: ignore[attr-defined]  # not a test for pytest


def current_code(user: Any) -> str:
    """The code the user's authenticator shows (the next one if the current one was used)."""
    device = test_device(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)  # a code counts once: after use, the next step's
    totp.time = device.t0 + step * device.step
    return f"{totp.token():06d}"


class TwoFactorClient(Client):
    def force_login(
        self, user: Any, backend: str | None = None, *, second_factor: bool = True
    ) -> None:
        super().force_login(user, backend)
        if second_factor and second_factor_required(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = test_device(user).persistent_id
            session.save()

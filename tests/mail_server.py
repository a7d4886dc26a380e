"""Mail backends for tests: a mail server that is down (every attempt fails as SMTP does when
nothing listens), and one that comes back after a number of failed attempts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

ATTEMPTS: list[int] = []  # one entry per attempt, whichever backend


class MailServerDown(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        ATTEMPTS.append(len(email_messages))
        raise ConnectionRefusedError(111, "Connection refused")


class MailServerUp(LocmemBackend):
    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        ATTEMPTS.append(len(messages))
        return super().send_messages(messages)


def attempts() -> int:
    return len(ATTEMPTS)


def reset(*_args: Any) -> None:
    ATTEMPTS.clear()

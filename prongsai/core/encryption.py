"""Encryption at rest for values the product must keep for a while but nobody may read in the
database or the file store: an IIT batch's codes until their slips are printed, the rendered
slips themselves (and, later, complainants' identities).

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) with the key in ``DATA_ENCRYPTION_KEY``,
separate from SECRET_KEY; ``DATA_ENCRYPTION_OLD_KEYS`` still decrypt after a rotation.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionFailed(Exception):
    """The value was not encrypted with any configured key (or was altered)."""


@lru_cache(maxsize=4)
def _fernet(current: str, old: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(current.encode()), *(Fernet(k.encode()) for k in old)])


def _keys() -> MultiFernet:
    return _fernet(settings.DATA_ENCRYPTION_KEY, tuple(settings.DATA_ENCRYPTION_OLD_KEYS))


def encrypt(data: bytes) -> bytes:
    return _keys().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return _keys().decrypt(bytes(token))
    except InvalidToken as exc:
        raise DecryptionFailed("not encrypted with a configured DATA_ENCRYPTION_KEY") from exc

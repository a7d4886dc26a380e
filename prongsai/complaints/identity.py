"""The complainant's identity (name, contact), encrypted at rest with DATA_ENCRYPTION_KEY."""

from __future__ import annotations

import json
from dataclasses import dataclass

from prongsai.core.encryption import decrypt, encrypt


@dataclass(frozen=True)
class Identity:
    name: str
    contact: str


def identity_seal(identity: Identity) -> bytes:
    data = json.dumps({"name": identity.name, "contact": identity.contact}, ensure_ascii=False)
    return encrypt(data.encode())


def identity_open(token: bytes) -> Identity:
    data = json.loads(decrypt(bytes(token)).decode())
    return Identity(name=str(data.get("name", "")), contact=str(data.get("contact", "")))

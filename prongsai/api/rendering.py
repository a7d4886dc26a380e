"""JSON bytes as the API sends them (UTF-8, Thai unescaped), and the ETag of a body."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=_default, separators=(",", ":")).encode()


def etag_of(content: bytes) -> str:
    """A strong ETag from the body's SHA-256 (the same body in the same language, the same tag)."""
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'

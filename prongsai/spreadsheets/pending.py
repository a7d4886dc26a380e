"""An uploaded file waiting between its preview and the user's confirmation.

The bytes wait in the default storage under a random token that only the uploader's session
knows (several app servers share the storage and the sessions, never their memory); the
confirmation reads exactly the file that was previewed, checked by its SHA-256, and any choices
made on the preview (column mappings) travel with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone


@dataclass(frozen=True)
class PendingUpload:
    token: str
    data: bytes
    name: str
    meta: dict[str, Any]


def _session_key(key: str) -> str:
    return f"pending-upload:{key}"


FOLDER = "pending-imports"
KEEP_FOR = dt.timedelta(days=1)  # a preview left unconfirmed longer than this is forgotten


def _path(token: str) -> str:
    return f"{FOLDER}/{token}.upload"


def _sweep() -> None:
    """Remove files of previews nobody confirmed or cancelled (closed tabs, expired sessions)."""
    try:
        _dirs, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    cutoff = timezone.now() - KEEP_FOR
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError, OSError):
            continue


def pending_keep(request: HttpRequest, *, key: str, data: bytes, name: str, **meta: Any) -> str:
    """Keep ``data`` for this session under ``key`` (one pending file per key); returns the
    token the confirmation form carries."""
    pending_forget(request, key=key)
    _sweep()
    token = secrets.token_urlsafe(24)
    default_storage.save(_path(token), ContentFile(data))
    request.session[_session_key(key)] = {
        "token": token,
        "name": name[-200:],
        "sha256": hashlib.sha256(data).hexdigest(),
        "meta": meta,
    }
    return token


def pending_load(
    request: HttpRequest, *, key: str, token: str, **expected: Any
) -> PendingUpload | None:
    """The file kept under ``key`` when ``token`` and every ``expected`` meta value match and the
    stored bytes are the ones previewed; None otherwise (expired, forged, another assessment)."""
    kept = request.session.get(_session_key(key))
    if not kept or not token or not secrets.compare_digest(str(kept.get("token")), token):
        return None
    meta = kept.get("meta") or {}
    if any(meta.get(name) != value for name, value in expected.items()):
        return None
    path = _path(kept["token"])
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != kept["sha256"]:
        pending_forget(request, key=key)
        return None
    return PendingUpload(token=kept["token"], data=data, name=kept["name"], meta=dict(meta))


def pending_update(request: HttpRequest, *, key: str, **meta: Any) -> None:
    kept = request.session.get(_session_key(key))
    if kept:
        kept["meta"] = {**(kept.get("meta") or {}), **meta}
        request.session[_session_key(key)] = kept


def pending_forget(request: HttpRequest, *, key: str) -> None:
    kept = request.session.pop(_session_key(key), None)
    if kept:
        default_storage.delete(_path(kept["token"]))

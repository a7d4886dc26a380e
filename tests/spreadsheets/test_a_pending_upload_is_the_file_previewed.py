"""The file kept between preview and confirmation: only its own session and token reach it, the
bytes are checked, and previews left unconfirmed for a day are swept away."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from prongsai.spreadsheets import pending


def _request() -> Any:
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def test_only_the_right_token_and_meta_reach_the_file(db: None) -> None:
    request = _request()
    token = pending.pending_keep(request, key="k", data=b"bytes", name="f.csv", unit="a")
    assert pending.pending_load(request, key="k", token="forged", unit="a") is None
    assert pending.pending_load(request, key="k", token=token, unit="b") is None
    kept = pending.pending_load(request, key="k", token=token, unit="a")
    assert kept is not None and (kept.data, kept.name) == (b"bytes", "f.csv")
    assert pending.pending_load(_request(), key="k", token=token) is None  # another session
    pending.pending_forget(request, key="k")
    assert pending.pending_load(request, key="k", token=token) is None


def test_a_file_changed_in_storage_is_refused(db: None) -> None:
    request = _request()
    token = pending.pending_keep(request, key="k", data=b"previewed", name="f.csv")
    Path(settings.MEDIA_ROOT, pending.FOLDER, f"{token}.upload").write_bytes(b"swapped")
    assert pending.pending_load(request, key="k", token=token) is None


def test_previews_left_for_a_day_are_swept(db: None) -> None:
    old = pending.pending_keep(_request(), key="k", data=b"old", name="old.csv")
    path = Path(settings.MEDIA_ROOT, pending.FOLDER, f"{old}.upload")
    past = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(path, (past, past))
    pending.pending_keep(_request(), key="k", data=b"new", name="new.csv")
    assert not path.exists()
    assert len(list(path.parent.iterdir())) == 1

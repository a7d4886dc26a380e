"""Uploaded files live in a folder (shared storage when several app servers run) or, with the
optional ``s3`` extra, in an S3-compatible bucket; a wrong choice stops start-up clearly."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings


def _check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PRONGSAI_", "DATABASE_"))}
    clean.update(DEBUG="1", SQLITE_PATH=str(tmp_path / "db.sqlite3"), **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_an_unknown_storage_is_refused(tmp_path: Path) -> None:
    result = _check(tmp_path, MEDIA_STORAGE="ftp")
    assert result.returncode != 0 and "must be 'filesystem' or 's3'" in result.stderr


@pytest.mark.skipif(importlib.util.find_spec("storages") is not None, reason="s3 extra installed")
def test_s3_without_the_extra_says_what_to_install(tmp_path: Path) -> None:
    result = _check(tmp_path, MEDIA_STORAGE="s3", S3_BUCKET="prongsai-media")
    assert result.returncode != 0 and "pip install 'prongsai[s3]'" in result.stderr

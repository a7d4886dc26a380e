"""SQLite syncs every commit to disk by default (``synchronous=FULL``): an answer acknowledged
with a 2xx survives a power cut. ``SQLITE_SYNCHRONOUS=NORMAL`` trades that for speed, on
purpose only; anything else stops start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

FULL, NORMAL = 2, 1  # what PRAGMA synchronous reports
READ_PRAGMA = (
    "from django.db import connection\n"
    "with connection.cursor() as cursor:\n"
    "    cursor.execute('PRAGMA synchronous')\n"
    "    print('synchronous', cursor.fetchone()[0])\n"
)


def _shell(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PRONGSAI_", "SQLITE_", "DATABASE_URL", "DJANGO_ALLOW"))
    }
    clean.update(DEBUG="1", SQLITE_PATH=str(tmp_path / "db.sqlite3"), **env)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", READ_PRAGMA],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite setting; PostgreSQL syncs")
def test_the_test_databases_live_connection_syncs_fully(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == FULL


def test_a_server_connection_syncs_fully_unless_told_otherwise(tmp_path: Path) -> None:
    default = _shell(tmp_path)
    assert default.returncode == 0, default.stderr
    assert f"synchronous {FULL}" in default.stdout

    normal = _shell(tmp_path, SQLITE_SYNCHRONOUS="normal")
    assert normal.returncode == 0, normal.stderr
    assert f"synchronous {NORMAL}" in normal.stdout


@pytest.mark.parametrize("value", ["OFF", "EXTRA; DROP TABLE x", "2"])
def test_other_values_stop_start_up(tmp_path: Path, value: str) -> None:
    result = _shell(tmp_path, SQLITE_SYNCHRONOUS=value)
    assert result.returncode != 0
    assert "SQLITE_SYNCHRONOUS" in result.stderr and "FULL or NORMAL" in result.stderr

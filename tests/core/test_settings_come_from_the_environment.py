"""Settings come from the environment; bad values stop start-up with a clear message, and a
production-like configuration passes Django's deployment checks without a warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROD = {
    "SECRET_KEY": "x" * 30 + "-production-secret-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "ita.example.go.th",
    "SITE_URL": "https://ita.example.go.th",
    "AUDIT_KEYS": "1:audit-chain-key-for-the-check-0123456789abcdef",
    "DATA_ENCRYPTION_KEY": "6o2QsRkJwTqTLWOPlCqkM6Za4fCEuSWHBJ8xo7m6mf8=",
}


def _manage(env: dict[str, str], *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("PRONGSAI_", "DEBUG", "SECRET", "ALLOWED", "SITE_URL", "DJANGO_ALLOW", "DATA_ENC")
        )
    }
    clean["SQLITE_PATH"] = str(tmp_path / "db.sqlite3")
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path: Path) -> None:
    result = _manage(PROD, "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "short"}, "at least 50 characters"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"UPLOAD_MAX_FILE_SIZE": "lots"}, "UPLOAD_MAX_FILE_SIZE='lots' is not an integer"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is empty"),
        ({"SITE_URL": "ita.example.go.th"}, "must start with http"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "not supported"),
        ({"TASKS_BACKEND": "celery"}, "must be 'immediate' or 'database'"),
        ({"AUDIT_KEYS": ""}, "AUDIT_KEYS is not set"),
        ({"AUDIT_KEYS": "one:secret"}, "AUDIT_KEYS must look like"),
        ({"AUDIT_KEYS": "1:short"}, "shorter than 32 characters"),
        ({"AUDIT_KEYS": f"1:{PROD['SECRET_KEY']}"}, "must not reuse SECRET_KEY"),
        # The test suite's switch turns HTTPS off and hashes passwords with MD5: not on a server.
        ({"PRONGSAI_TESTING": "1"}, "PRONGSAI_TESTING=1 is only for the test suite"),
        ({"PRONGSAI_TESTING": "1", "DEBUG": "1"}, "PRONGSAI_TESTING=1 is only for the test suite"),
        ({"DATA_ENCRYPTION_KEY": ""}, "DATA_ENCRYPTION_KEY is not set"),
        ({"DATA_ENCRYPTION_KEY": "too-short"}, "DATA_ENCRYPTION_KEY must be 32 bytes"),
        ({"DATA_ENCRYPTION_OLD_KEYS": "x!"}, "DATA_ENCRYPTION_OLD_KEYS"),
        ({"DOCUMENTS_KEEP_DAYS": "0"}, "DOCUMENTS_KEEP_DAYS=0 must be at least 1"),
    ],
)
def test_bad_values_fail_loudly(tmp_path: Path, env: dict[str, str], message: str) -> None:
    result = _manage({**PROD, **env}, "check", tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_test_switch_still_serves_the_tooling_of_make_unit(tmp_path: Path) -> None:
    """`make unit` compiles the catalogues with PRONGSAI_TESTING=1 before running pytest."""
    result = _manage({"PRONGSAI_TESTING": "1"}, "compilemessages", "--help", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr

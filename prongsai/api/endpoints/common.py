"""Pieces every endpoint module uses: the auth, the error answers each operation documents."""

from __future__ import annotations

from typing import Any

from ..auth import TokenAuth
from ..problems import Problem

TOKEN = TokenAuth()

# Answers documented on every operation that needs a token (bodies: problem details).
READ_ERRORS: dict[int, Any] = {401: Problem, 404: Problem, 422: Problem, 429: Problem}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: Problem, 403: Problem, 409: Problem}
PUBLIC_ERRORS: dict[int, Any] = {404: Problem, 422: Problem}

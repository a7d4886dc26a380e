from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _site_url(settings: Any) -> None:
    """Evidence links must be full addresses (``testserver`` has no domain)."""
    settings.SITE_URL = "https://ita.example.go.th"

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English, so tests can compare them word for word (Thai is the default)."""
    with translation.override("en"):
        yield

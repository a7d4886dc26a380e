"""Fixtures of the pre-check tests: local test sites and the unit's website pointing at one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .server import LocalSite, sites


@pytest.fixture
def site(settings: Any) -> Iterator[LocalSite]:
    """The unit's own website, on 127.0.0.2 (allowed for the test; every other loopback
    address stays refused)."""
    settings.PRECHECK_ALLOWED_NETWORKS = ["127.0.0.2/32", "127.0.0.3/32"]
    settings.PRECHECK_READ_TIMEOUT = 2
    settings.PRECHECK_TOTAL_TIMEOUT = 5
    for started in sites("127.0.0.2"):
        yield started[0]


@pytest.fixture
def other_site(site: LocalSite) -> Iterator[LocalSite]:
    """Another organisation's website, on 127.0.0.3 (also allowed)."""
    for started in sites("127.0.0.3"):
        yield started[0]


@pytest.fixture
def unit_on_site(tree: Any, site: LocalSite) -> Any:
    from prongsai.organizations.services import unit_update

    return unit_update(actor="tests", unit=tree.unit, website=site.base + "/")

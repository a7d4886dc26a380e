"""The whole demo, loaded once per test run for the tests that read it (``full_demo``).

Loading the demo takes a minute or more (PostgreSQL: longer), and a dozen tests read it as
``make demo`` leaves it. They share one load: it happens inside an outer transaction that is
never committed; each test runs in a savepoint of it (pytest-django's ``db``), so what a test
changes is undone at its end, and the demo itself is rolled back when the run ends. The tests
that use it run last (``order_full_demo_last``), so no other test ever sees the demo's rows.

Loaded as ``make demo PORT=8101`` loads it: DEBUG on, links minted on ``http://127.0.0.1:8101``,
and the work each step's commit sets off (documents rendered by the task worker) run at the
end of the load, as the worker would.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from prongsai.core.site import site_base_override

SERVED = "http://127.0.0.1:8101"  # the address the shared demo's links were minted on


@dataclass(frozen=True)
class FullDemo:
    media_root: Path  # the demo's files (each test that reads the demo uses this folder)
    audit_anchor_path: Path


@pytest.fixture(scope="session")
def full_demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FullDemo]:
    folder = tmp_path_factory.mktemp("full-demo")
    demo = FullDemo(media_root=folder / "media", audit_anchor_path=folder / "audit-anchors.log")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with (
                override_settings(
                    DEBUG=True,
                    MEDIA_ROOT=demo.media_root,
                    AUDIT_ANCHOR_PATH=demo.audit_anchor_path,
                ),
                site_base_override(SERVED),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                call_command("demo_load", stdout=StringIO())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield demo
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def order_full_demo_last(items: list[pytest.Item]) -> None:
    """Tests that use the shared demo after every other test (a stable sort)."""
    items.sort(key=lambda item: "full_demo" in getattr(item, "fixturenames", ()))

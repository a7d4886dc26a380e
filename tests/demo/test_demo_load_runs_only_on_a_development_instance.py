"""``demo_load`` writes fictional units, users with a published password and a superuser: it
refuses to run on an instance that is not in development (``DEBUG=1``) unless told ``--force``."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from prongsai.demo.management.commands.demo_load import APP_STEPS
from prongsai.organizations.models import Unit


@pytest.mark.django_db
def test_without_debug_it_refuses_and_writes_nothing(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_load", stdout=StringIO())
    assert not Unit.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_with_force_it_loads_also_without_debug(full_demo: Any, settings: Any) -> None:
    """On the run's shared demo (tests/full_demo.py, loaded by this same command): with
    ``--force`` every step runs although DEBUG is off (each is idempotent) and the personas are
    printed."""
    settings.DEBUG = False
    out = StringIO()
    call_command("demo_load", "--force", stdout=out)
    printed = out.getvalue()
    assert all(f"demo: {step} loaded" in printed for step in APP_STEPS)
    assert Unit.objects.filter(slug="kalasin-immigration").exists()
    assert "kalasin-admin" in printed

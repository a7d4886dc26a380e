"""The operations of ``/api/v1/``, one module per subject (each a ninja Router)."""

from __future__ import annotations

from typing import Any

from . import assessments, frameworks, measures, oit, prechecks, public, records, units


def add_routers(api: Any) -> None:
    for module in (units, frameworks, assessments, oit, measures, prechecks, records, public):
        api.add_router("", module.router)

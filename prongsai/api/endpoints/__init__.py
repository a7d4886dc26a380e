"""The operations of ``/api/v1/``, one module per subject (each a ninja Router)."""

from __future__ import annotations

from typing import Any

from . import (
    assessments,
    entries,
    frameworks,
    measures,
    oit,
    prechecks,
    procurements,
    public,
    records,
    risks,
    units,
)

MODULES = (
    units, frameworks, assessments, oit, measures, prechecks, risks, entries, records,
    procurements, public,
)  # fmt: skip


def add_routers(api: Any) -> None:
    for module in MODULES:
        api.add_router("", module.router)

"""What keeps the stored roll-up figures (``UnitFigures``) in step: every audited change to a
unit (OIT work and evidence, plan rows and progress, complaints, risks, records, the
assessment itself: each owning service records an audit entry naming the unit) and every new
score snapshot (which follows survey answers and reviews) asks for a refresh of that unit's
figures; a task computes them (``services.figures_refresh_requested``)."""

from __future__ import annotations

import uuid
from typing import Any


def audited_change(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if not created or not instance.unit_id or kwargs.get("raw"):
        return
    try:
        unit_id = uuid.UUID(str(instance.unit_id))
    except ValueError:
        return
    from .services import figures_schedule

    figures_schedule(unit_id=unit_id)


def snapshot_stored(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    from .services import figures_schedule

    figures_schedule(assessment_id=instance.assessment_id)

"""Reactions to signals from lower apps."""

from __future__ import annotations

from typing import Any


def schedule_snapshot(sender: Any, assessment_id: Any, **kwargs: Any) -> None:
    """An input of the score changed: ask for a snapshot (one pending task per assessment)."""
    from .services import snapshot_schedule

    snapshot_schedule(assessment_id=assessment_id)

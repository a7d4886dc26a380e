"""Reactions to signals from lower apps (registered in DisclosuresConfig.ready)."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.models import Assessment

from .services import evidence_carry_forward


def carry_forward_on_open(
    sender: Any, *, assessment: Assessment, actor: Any, **kwargs: Any
) -> None:
    """``assessment_opened``: start the new assessment with last year's evidence as drafts."""
    evidence_carry_forward(actor=actor, assessment=assessment)

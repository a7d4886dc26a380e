"""Reactions to signals from lower apps."""

from __future__ import annotations

from typing import Any

from prongsai.assessments.models import Assessment


def set_up_campaigns(sender: Any, assessment: Assessment, actor: Any, **kwargs: Any) -> None:
    """A new assessment gets its IIT and EIT campaigns (not open yet) in the same transaction."""
    from .services import campaign_setup

    campaign_setup(actor=actor, assessment=assessment)

"""Unit navigation for templates: breadcrumbs that link only where the viewer may go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from ..access import Capability, access_for
from ..models import Unit
from ..selectors import unit_ancestors

register = template.Library()


@dataclass(frozen=True)
class Crumb:
    unit: Unit
    openable: bool  # the viewer may open the unit's page (else it is shown as plain text)


@register.simple_tag(takes_context=True)
def unit_crumbs(context: dict[str, Any], unit: Unit) -> list[Crumb]:
    """The units above ``unit``, top first, each marked with whether the viewer can open it
    (a parent the viewer holds no role reaching answers 404: it is named, not linked)."""
    user = context["request"].user
    return [
        Crumb(unit=parent, openable=access_for(user, parent).has(Capability.VIEW))
        for parent in unit_ancestors(unit)
    ]

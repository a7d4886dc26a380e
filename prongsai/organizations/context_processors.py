"""Navigation data for the base template: the units the user can reach and the current one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .access import is_framework_reader
from .selectors import units_visible_to


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}

    def nav_units() -> list[Any]:
        return list(units_visible_to(user)[:200])

    return {
        "nav_units": nav_units,  # lazy: only queried when the template asks for it
        "nav_frameworks": lambda: is_framework_reader(user),  # the Frameworks link opens
        "nav_slug": kwargs.get("slug"),
        "nav_year": kwargs.get("year"),
    }

"""Marks for views: which routes are public.

Every route is private (login and a unit role required) unless its view is decorated with
:func:`public`. tests/test_route_access.py enumerates every URL pattern and proves that an
anonymous user and an outsider are turned away from every route not marked public.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def public(view: F) -> F:
    """Declare a view reachable without log-in (public portal, surveys, log-in itself)."""
    view.prongsai_public = True  # type: ignore[attr-defined]
    return view


def personal(view: F) -> F:
    """Declare a view that any logged-in user may use for their own account or their own list
    (password change, "my units"): it needs log-in but no role, and shows nothing of others."""
    view.prongsai_personal = True  # type: ignore[attr-defined]
    return view


def _marked(view: Callable[..., Any] | None, attribute: str) -> bool:
    while view is not None:
        if getattr(view, attribute, False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def is_public(view: Callable[..., Any]) -> bool:
    return _marked(view, "prongsai_public")


def is_personal(view: Callable[..., Any]) -> bool:
    return _marked(view, "prongsai_personal")

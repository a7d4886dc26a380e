"""Who performs a write: a user, or a system label (a command, the demo, the tests).

Services take ``actor: Actor``; the audit log records the user, or the label when there is none.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

Actor = AbstractBaseUser | str


def request_actor(request: HttpRequest) -> AbstractBaseUser:
    """The logged-in user of a request, as an actor (views behind ``login_required``)."""
    user = request.user
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        raise PermissionDenied("Log in first")
    return user

"""Who must log in with a second factor, and their devices (reads only).

Required for platform admins (superusers, staff) and for holders of every role whose rule says
``second_factor=True`` in the role registry (``prongsai.organizations.duties``: unit admins and
evaluators; later apps register theirs, e.g. complaint handlers and identity custodians). The
``SECOND_FACTOR_ROLES`` setting adds roles (or ``*`` for everyone). Anyone who enrolled a device
voluntarily is asked for it too. Enforced once per session at log-in by
``SecondFactorMiddleware``, not per view.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.organizations.duties import second_factor_roles
from prongsai.organizations.models import Membership

EVERYONE = "*"


def required_roles() -> frozenset[str]:
    return second_factor_roles() | frozenset(settings.SECOND_FACTOR_ROLES)


def second_factor_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this user's session must be verified with a second factor (one query)."""
    if not user.is_authenticated:
        return False
    roles = required_roles()
    if (
        EVERYONE in roles
        or getattr(user, "is_superuser", False)
        or getattr(user, "is_staff", False)
    ):
        return True
    User = get_user_model()
    return (
        User.objects.filter(pk=user.pk)
        .filter(
            Q(Exists(Membership.objects.filter(user_id=OuterRef("pk"), role__in=roles)))
            | Q(Exists(TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)))
            | Q(Exists(StaticDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)))
        )
        .exists()
    )


def totp_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("id").first()


def has_confirmed_device(user: AbstractBaseUser) -> bool:
    return (
        TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()
        or StaticDevice.objects.filter(user_id=user.pk, confirmed=True).exists()
    )


def recovery_codes_left(user: AbstractBaseUser) -> int:
    device = StaticDevice.objects.filter(user_id=user.pk, confirmed=True).first()
    return device.token_set.count() if device else 0

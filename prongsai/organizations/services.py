"""Writes for units, members and roles. Each runs in one transaction and is audited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record, changes_between, model_snapshot

from .models import Membership, Role, Unit

UNIT_FIELDS = (
    "slug",
    "kind",
    "name_th",
    "name_en",
    "short_name_th",
    "website",
    "phone",
    "email",
    "address",
    "require_head_approval",
    "is_active",
)


def _path_for(parent: Unit | None, slug: str) -> tuple[str, int]:
    if parent is None:
        return f"/{slug}/", 0
    return f"{parent.path}{slug}/", parent.depth + 1


@transaction.atomic
def unit_create(*, actor: Any, parent: Unit | None, slug: str, name_th: str, **fields: Any) -> Unit:
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    path, depth = _path_for(parent, slug)
    unit = Unit(parent=parent, slug=slug, name_th=name_th, path=path, depth=depth, **fields)
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor, action="unit.create", obj=unit, unit_id=unit.pk, changes=model_snapshot(unit)
    )
    return unit


@transaction.atomic
def unit_update(
    *, actor: Any, unit: Unit, parent: Unit | bool | None = False, **fields: Any
) -> Unit:
    """Change a unit's fields; ``parent=`` moves it (and its subtree) in the tree."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = model_snapshot(unit)
    old_path = unit.path
    for name, value in fields.items():
        setattr(unit, name, value)
    if parent is not False:
        assert parent is None or isinstance(parent, Unit)
        if parent is not None and (parent.pk == unit.pk or parent.path.startswith(old_path)):
            raise ValidationError(_("A unit cannot be moved under itself or its own sub-unit."))
        unit.parent = parent
    unit.path, unit.depth = _path_for(unit.parent, unit.slug)
    unit.full_clean()
    unit.save()
    if unit.path != old_path:
        depth_shift = unit.depth - (old_path.count("/") - 2)
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.depth + depth_shift
            child.save(update_fields=["path", "depth", "updated_at"])
    changes = changes_between(before, model_snapshot(unit))
    if changes:
        audit_record(actor=actor, action="unit.update", obj=unit, unit_id=unit.pk, changes=changes)
    return unit


@transaction.atomic
def membership_grant(
    *, actor: Any, unit: Unit, user: User, role: str, rank: str = "", position: str = ""
) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"rank": rank, "position": position}
    )
    if not created and (membership.rank, membership.position) != (rank, position):
        before = model_snapshot(membership)
        membership.rank, membership.position = rank, position
        membership.save(update_fields=["rank", "position", "updated_at"])
        audit_record(
            actor=actor,
            action="membership.update",
            obj=membership,
            unit_id=unit.pk,
            changes=changes_between(before, model_snapshot(membership)),
        )
    elif created:
        audit_record(
            actor=actor,
            action="membership.grant",
            obj=membership,
            unit_id=unit.pk,
            changes={"user": user.get_username(), "role": role, "rank": rank, "position": position},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> None:
    audit_record(
        actor=actor,
        action="membership.revoke",
        obj=membership,
        unit_id=membership.unit_id,
        changes={"user": membership.user.get_username(), "role": membership.role},
    )
    membership.delete()


def _send_invitation(user: User) -> None:
    """E-mail a one-time link to set a password (Django's password-reset token and view)."""
    base = urlsplit(settings.SITE_URL)
    context = {
        "user": user,
        "protocol": base.scheme,
        "domain": base.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = render_to_string("organizations/invite_subject.txt", context).strip()
    body = render_to_string("organizations/invite_email.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def member_invite(
    *,
    actor: Any,
    unit: Unit,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    role: str,
    rank: str = "",
    position: str = "",
    request: HttpRequest | None = None,
) -> Membership:
    """Give ``role`` in ``unit`` to a user, creating the account when it does not exist yet.

    New accounts get no usable password; an e-mail with a one-time link lets them set one.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if user is None:
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            unit_id=unit.pk,
            changes={"username": username, "email": email},
        )
    membership = membership_grant(
        actor=actor, unit=unit, user=user, role=role, rank=rank, position=position
    )
    if created and email:
        transaction.on_commit(lambda: _send_invitation(user))
    return membership

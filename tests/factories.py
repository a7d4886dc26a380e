"""Test data built through the same services the application uses (so it is audited too)."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model

from prongsai.organizations.models import Membership, Unit
from prongsai.organizations.services import membership_grant, unit_create

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.th")
    first_name = "ทดสอบ"
    last_name = factory.Sequence(lambda n: f"ผู้ใช้{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


def make_unit(slug: str, parent: Unit | None = None, **fields: Any) -> Unit:
    existing = Unit.objects.filter(slug=slug).first()
    if existing:
        return existing
    fields.setdefault("name_th", f"หน่วย {slug}")
    fields.setdefault("name_en", f"Unit {slug}")
    return unit_create(actor="tests", parent=parent, slug=slug, **fields)


def grant(user: Any, unit: Unit, role: str, **fields: Any) -> Membership:
    return membership_grant(actor="tests", unit=unit, user=user, role=role, **fields)

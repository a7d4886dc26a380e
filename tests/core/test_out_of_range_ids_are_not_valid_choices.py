"""An id that cannot exist (40 digits, beyond the database's integer range) is "not a valid
choice", never a server error.

SQLite cannot bind an integer past 64 bits: a 40-digit responsible user in the measures form
raised OverflowError (500). The check lives in the model-choice fields themselves, so every
single and multiple choice of model objects in every form refuses such ids.
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from prongsai.frameworks.models import Framework
from prongsai.measures.models import PlanRow

from ..conftest import Personas, Tree
from .conftest import post_measure
from .project_forms import build_forms

FORTY_DIGITS = "1234567890123456789012345678901234567890"
OUT_OF_RANGE = [FORTY_DIGITS, "-" + FORTY_DIGITS, str(2**63), str(-(2**63) - 1)]


def test_a_forty_digit_responsible_user_is_not_a_valid_choice(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    response = post_measure(client, tree, responsible_users=[str(people.editor.pk), FORTY_DIGITS])
    assert response.status_code == 200
    assert "ไม่ใช่ตัวเลือกที่ใช้ได้" in response.content.decode()
    assert not PlanRow.objects.filter(assessment=assessment).exists()


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize("many", [False, True], ids=["single", "multiple"])
def test_model_choice_fields_refuse_ids_beyond_the_integer_range(
    people: Personas, value: str, many: bool
) -> None:
    users = get_user_model().objects.all()
    field = forms.ModelMultipleChoiceField(users) if many else forms.ModelChoiceField(users)
    with pytest.raises(ValidationError) as refused:
        field.clean([value] if many else value)
    assert refused.value.code == "invalid_choice"
    by_named_key = (
        forms.ModelMultipleChoiceField(users, to_field_name="id")
        if many
        else forms.ModelChoiceField(users, to_field_name="id")
    )
    with pytest.raises(ValidationError):
        by_named_key.clean([value] if many else value)


def test_a_valid_id_is_still_a_choice(people: Personas) -> None:
    users = get_user_model().objects.all()
    field = forms.ModelMultipleChoiceField(users)
    assert list(field.clean([str(people.editor.pk)])) == [people.editor]


def test_uuid_keys_refuse_digits_too(framework: Any) -> None:
    field = forms.ModelChoiceField(Framework.objects.all())
    with pytest.raises(ValidationError):
        field.clean(FORTY_DIGITS)


def test_every_model_choice_field_of_every_form_refuses_them(world: Any) -> None:
    checked = 0
    for built in build_forms(world):
        for name, field in built.make().fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            many = isinstance(field, forms.ModelMultipleChoiceField)
            for value in OUT_OF_RANGE:
                form = built.make(data={name: [value] if many else value})
                form.is_valid()  # must not raise
                assert name in form.errors, (built.label, name, value)
                checked += 1
    assert checked >= 8

"""A whole number the database cannot store is refused by the form with a Thai message.

PostgreSQL raised "integer out of range" (500) when the assessment form's IIT headcount was
typed as 40 digits: a form ``IntegerField`` without a ``max_value`` accepted it. Every such field
is now held to a 32-bit column's range (``core/form_fields.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from prongsai.assessments.models import Assessment

from ..conftest import Personas, Tree


@pytest.mark.parametrize("value", [str(2**31), "9" * 40, str(-(2**31) - 1)])
def test_an_unbounded_integer_field_refuses_numbers_beyond_a_column(value: str) -> None:
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        forms.IntegerField().clean(value)
    assert refused.value.code in {"max_value", "min_value"}
    assert "ค่า" in refused.value.messages[0]  # Django's own message, in Thai


def test_declared_bounds_and_numbers_in_range_are_untouched() -> None:
    assert forms.IntegerField().clean(str(2**31 - 1)) == 2**31 - 1
    assert forms.IntegerField(max_value=2**40).clean(str(2**35)) == 2**35
    assert forms.FloatField().clean("1e20") == 1e20


def test_the_assessment_form_refuses_a_forty_digit_headcount(
    client: Any, tree: Tree, people: Personas, framework: Any
) -> None:
    client.force_login(people.admin)
    url = f"/u/{tree.unit.slug}/assessments/new/"
    response = client.post(
        url,
        {"year": "2567", "framework": str(framework.pk), "headcount_internal": "9" * 40},
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 200
    assert not Assessment.objects.filter(unit=tree.unit, year=2567).exists()

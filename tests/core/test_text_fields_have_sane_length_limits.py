"""Every text field has a length limit for its kind, refused with a Thai message.

A 200,000-character measure activity used to be stored and then made a 764-page report that took
minutes to render. Limits by kind (prongsai/core/text.py): one-line fields (names, titles,
codes) at most SINGLE_LINE unless they declare less, paragraphs (text areas) at most PARAGRAPH,
pages written in the rich-text editor at most RICH_TEXT.
"""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils import translation

from prongsai.core.form_fields import length_limit
from prongsai.core.text import TextLength
from prongsai.measures.models import PlanRow

from ..conftest import Personas, Tree
from .conftest import post_measure
from .project_forms import build_forms

HUGE = "ก" * 200_001


def _is_rich(field: forms.Field) -> bool:
    return bool(field.widget.attrs.get("data-rich-editor"))


def test_every_text_field_refuses_two_hundred_thousand_characters(world: Any) -> None:
    accepted = []
    with translation.override("th"):
        for built in build_forms(world):
            for name, field in built.make().fields.items():
                if not isinstance(field, forms.CharField):
                    continue
                form = built.make(data={name: HUGE})
                form.is_valid()
                if not any("ยาวเกินไป" in str(e) for e in form.errors.get(name) or []):
                    accepted.append(f"{built.label}.{name}: {form.errors.get(name)}")
    assert not accepted, "\n".join(accepted)


def test_each_kind_of_field_has_its_limit(world: Any) -> None:
    wrong = []
    for built in build_forms(world):
        for name, field in built.make().fields.items():
            if not isinstance(field, forms.CharField):
                continue
            limit = length_limit(field)
            if _is_rich(field):
                bound = TextLength.RICH_TEXT
            elif isinstance(field.widget, forms.Textarea):
                bound = TextLength.PARAGRAPH
            else:
                bound = TextLength.SINGLE_LINE
            if limit > bound:
                wrong.append(f"{built.label}.{name}: {limit} > {bound}")
                continue
            start = "https://example.go.th/" if isinstance(field, forms.URLField) else ""
            at_limit = built.make(data={name: start + "a" * (limit - len(start))})
            at_limit.is_valid()
            over = built.make(data={name: start + "a" * (limit + 1 - len(start))})
            over.is_valid()
            codes_at = [e.code for e in at_limit.errors.as_data().get(name, [])]
            codes_over = [e.code for e in over.errors.as_data().get(name, [])]
            if "max_length" in codes_at or "max_length" not in codes_over:
                wrong.append(f"{built.label}.{name}: limit {limit} not where it says")
    assert not wrong, "\n".join(wrong)


def test_the_rich_text_pages_get_the_long_limit(world: Any) -> None:
    page_forms = [b for b in build_forms(world) if "PageEvidenceForm" in b.label]
    assert page_forms
    field = page_forms[0].make().fields["body_html"]
    assert isinstance(field, forms.CharField)
    assert length_limit(field) == TextLength.RICH_TEXT


def test_a_measure_of_two_hundred_thousand_characters_is_refused_in_thai(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    response = post_measure(client, tree, activity=HUGE)
    assert response.status_code == 200
    assert "ยาวเกินไป" in response.content.decode()
    assert not PlanRow.objects.filter(assessment=assessment).exists()


def test_an_imported_or_scripted_measure_is_held_to_the_same_limit(assessment: Any) -> None:
    from django.core.exceptions import ValidationError

    from prongsai.measures.services import plan_row_create

    with pytest.raises(ValidationError) as refused:
        plan_row_create(
            actor="tests",
            assessment=assessment,
            indicator="9",
            issue="ปรับปรุงเว็บไซต์",
            activity=HUGE,
            status="not_started",
        )
    assert "activity" in refused.value.message_dict
    assert not PlanRow.objects.filter(assessment=assessment).exists()

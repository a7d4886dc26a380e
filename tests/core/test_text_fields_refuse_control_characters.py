"""Invisible control characters never get into stored text through any form.

An escape character (``\\x1b``) pasted into a measure or an OIT answer used to be stored, and then
broke the XLSX and DOCX exports for good (openpyxl and lxml refuse it). Every text field of every
form now refuses C0/C1 control characters (tab, line feed and carriage return are text), lone
surrogates and Unicode noncharacters, with a Thai message; the form shows the text again without
them, so saving once more is enough. Line separators (vertical tab, form feed, U+2028 …) become
line feeds.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation

from prongsai.measures.models import PlanRow

from ..conftest import Personas, Tree
from .conftest import post_measure
from .project_forms import build_forms

BAD = ["\x1b", "\x00", "\x07", "\x7f", "\x9b", "\ud800", "\ufffe", "\U0010ffff", "\ufdd0"]


def _text_fields(form: forms.BaseForm) -> list[str]:
    return [name for name, field in form.fields.items() if isinstance(field, forms.CharField)]


def test_the_enumeration_finds_the_projects_forms(world: Any) -> None:
    labels = {built.label.split("(")[0] for built in build_forms(world)}
    assert {
        "prongsai.measures.forms.PlanRowForm",
        "prongsai.disclosures.forms.AnswerForm",
        "prongsai.organizations.forms.MemberInviteForm",
        "prongsai.reports.forms.ReportSettingsForm",
        "django.contrib.auth.forms.AuthenticationForm",
    } <= labels
    assert len(labels) >= 20


def test_every_text_field_of_every_form_refuses_control_characters(world: Any) -> None:
    checked = 0
    accepted: list[str] = []
    with translation.override("th"):
        for built in build_forms(world):
            for name in _text_fields(built.make()):
                for bad in BAD:
                    form = built.make(data={name: f"ข้อความ{bad}ทดสอบ"})
                    form.is_valid()
                    errors = list(form.errors.get(name) or [])
                    if not any("อักขระควบคุม" in str(e) for e in errors):
                        accepted.append(f"{built.label}.{name} {bad!r}: {errors}")
                    checked += 1
    assert checked > 100
    assert not accepted, "\n".join(accepted)


def test_tabs_and_line_breaks_are_text(world: Any) -> None:
    form_class = next(b for b in build_forms(world) if b.label.endswith("ClarificationForm"))
    form = form_class.make(data={"clarification_text": "บรรทัดแรก\r\n\tบรรทัดสอง\nสาม"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["clarification_text"] == "บรรทัดแรก\r\n\tบรรทัดสอง\nสาม"


def test_line_separators_become_line_feeds(world: Any) -> None:
    form_class = next(b for b in build_forms(world) if b.label.endswith("ClarificationForm"))
    form = form_class.make(data={"clarification_text": "หนึ่ง\vสอง\fสาม\u2028สี่\u2029ห้า\x85หก"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["clarification_text"] == "หนึ่ง\nสอง\nสาม\nสี่\nห้า\nหก"


def test_the_refused_form_shows_the_text_without_them(world: Any) -> None:
    form_class = next(b for b in build_forms(world) if b.label.endswith("ClarificationForm"))
    form = form_class.make(data={"clarification_text": "ก\x1b[31mข\x07"})
    assert not form.is_valid()
    assert form["clarification_text"].value() == "ก[31mข"


def test_a_measure_with_an_escape_character_is_refused_and_nothing_is_stored(
    tree: Tree, people: Personas, assessment: Any, client: Any
) -> None:
    client.force_login(people.editor)
    response = post_measure(client, tree, issue="ปรับปรุงเว็บไซต์\x1b[0m")
    assert response.status_code == 200
    assert "อักขระควบคุม" in response.content.decode()
    assert not PlanRow.objects.filter(assessment=assessment).exists()

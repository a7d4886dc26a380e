"""Every date field shows and reads Buddhist-era dates: no Gregorian picker; "31 มีนาคม 2567",
"31 มี.ค. 67", "31/03/2567" (Thai digits too) and ISO dates are read; an unreadable date gets a
Thai message and nothing is saved."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms
from django.utils import translation

import prongsai
from prongsai.core.form_fields import ThaiDateInput
from prongsai.measures.forms import ProgressForm
from prongsai.surveys.forms import CampaignForm


def _project_forms() -> list[Any]:
    found: list[Any] = []
    for module_info in pkgutil.walk_packages(prongsai.__path__, "prongsai."):
        if ".forms" not in module_info.name or ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_date_field_of_every_form_uses_the_buddhist_era_widget() -> None:
    date_fields = [
        (cls.__name__, name)
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    assert len(date_fields) >= 8  # plan rows, progress, evidence periods, campaigns, report …
    wrong = [
        (cls.__name__, name)
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field.widget, ThaiDateInput)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "typed",
    [
        "15/01/2567",
        "15-01-2567",
        "15.1.2567",
        "๑๕/๐๑/๒๕๖๗",
        "15 มกราคม 2567",
        "15 ม.ค. 67",
        "2024-01-15",
    ],
)
def test_a_typed_buddhist_era_date_is_read(typed: str) -> None:
    form = ProgressForm(data={"date": typed, "text": "ประชุม", "status": "done"})
    form.is_valid()
    assert "date" not in form.errors, form.errors
    assert form.cleaned_data["date"] == dt.date(2024, 1, 15)


@pytest.mark.parametrize("typed", ["31/02/2567", "hello", "15/13/2567", "1/1/99999999999999999999"])
def test_an_unreadable_date_gets_a_thai_message(typed: str) -> None:
    with translation.override("th"):
        form = ProgressForm(data={"date": typed, "text": "ประชุม", "status": "done"})
        assert not form.is_valid()
        message = form.errors["date"][0]
    assert "อ่านวันที่ไม่ได้" in message and "2567" in message


def test_a_date_is_shown_in_the_buddhist_era_without_a_gregorian_picker(db: None) -> None:
    with translation.override("th"):
        html = str(ProgressForm(initial={"date": dt.date(2024, 9, 15)})["date"])
        campaign = str(CampaignForm(initial={"opens_on": dt.date(2024, 1, 8)})["opens_on"])
    assert 'value="15 กันยายน 2567"' in html
    assert 'value="8 มกราคม 2567"' in campaign
    for rendered in (html, campaign):
        assert 'type="date"' not in rendered


def test_a_model_forms_date_field_reads_buddhist_era_too(db: None) -> None:
    form: Any = CampaignForm(data={"opens_on": "08/01/2567", "closes_on": "31 มี.ค. 2567"})
    form.is_valid()
    assert form.cleaned_data["opens_on"] == dt.date(2024, 1, 8)
    assert form.cleaned_data["closes_on"] == dt.date(2024, 3, 31)

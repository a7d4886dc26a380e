"""Rules every form field of the project follows, installed once into Django's own field classes.

Installed at start-up (``CoreConfig.ready``) into ``django.forms.CharField`` and the model-choice
fields — the way Django itself gives every CharField its null-character validator — so that every
form gets them: ours, the ones ``ModelForm`` generates from model fields, Django's log-in and
password forms, and every form a new app adds, without a base class to remember. The patched
methods run when a form is cleaned, so fields created before start-up finished are covered too.

``forms.CharField`` (and its subclasses: e-mail, URL, slug, UUID, username, password …):
  * line separators become line feeds; refused characters (``text.py``) are refused with a Thai
    message, and the re-shown form carries the text without them, so saving again is enough;
  * text longer than the field's limit is refused with a Thai message: its ``max_length``, or by
    kind when it declares none (``length_limit``: a text area is a paragraph, anything else one
    line). A field for rich text declares ``max_length=TextLength.RICH_TEXT``.

``forms.IntegerField`` without a ``max_value``/``min_value``: a whole number beyond the range of
the narrowest integer column the project stores (32-bit signed) is refused with Django's own
(translated) range message — PostgreSQL raised "integer out of range" on save.

``forms.DateField`` (every date field, ours and ``ModelForm``'s): shown and typed in the Buddhist
era — the widget is :class:`ThaiDateInput` (a text box showing "31 มีนาคม 2567", no Gregorian
picker) and :func:`parse_form_date` reads "31 มีนาคม 2567", "31 มี.ค. 67", "31/03/2567" (also with
``-`` or ``.``; a year above 2400 is Buddhist era, 1900–2200 Christian era) and ISO
``2024-03-31``; anything else is refused with a Thai message.

``forms.ModelChoiceField`` / ``ModelMultipleChoiceField``: an integer beyond the range of the key's
database column is "not a valid choice" before any query is made (SQLite raised OverflowError).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .text import (
    TextLength,
    normalise_line_breaks,
    refused_characters,
    refused_characters_message,
    too_long_message,
    without_refused_characters,
)
from .thai_dates import arabic_digits, ce_year, english_date, parse_thai_date, thai_date

_INSTALLED_MARK = "_prongsai_form_rules"

# The range of a 32-bit signed integer column (PositiveIntegerField, IntegerField on PostgreSQL).
INTEGER_FIELD_RANGE = (-(2**31), 2**31 - 1)


def length_limit(field: forms.CharField) -> int:
    """The longest text ``field`` accepts."""
    if field.max_length is not None:
        return int(field.max_length)
    if isinstance(field.widget, forms.Textarea):
        return TextLength.PARAGRAPH
    return TextLength.SINGLE_LINE


def _check_text(field: forms.CharField, value: str) -> str:
    value = normalise_line_breaks(value)
    errors = []
    refused = refused_characters(value)
    if refused:
        errors.append(
            ValidationError(refused_characters_message(refused), code="control_characters")
        )
    limit = length_limit(field)
    if len(value) > limit:
        # The code Django's own MaxLengthValidator uses; our message is in Thai and readable.
        errors.append(
            ValidationError(too_long_message(limit=limit, length=len(value)), code="max_length")
        )
    if errors:
        raise ValidationError(errors)
    return value


UNREADABLE_DATE = _(
    "This date could not be read. Type the day, month and Buddhist-era year, e.g. 31/03/2567 "
    "or 31 มีนาคม 2567."
)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$")


def parse_form_date(text: str) -> dt.date:
    """A date typed into a form (see the module's docstring); ValueError when unreadable."""
    raw = text.strip()

    numeric = _NUMERIC_DATE.match(arabic_digits(raw))
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
        if year < 100:
            year += 2500  # "31/03/67": two-digit years are Buddhist era, as on Thai forms
        if year > 2400:
            year = ce_year(year)
        elif not 1900 <= year <= 2200:
            raise ValueError(text)
        return dt.date(year, month, day)
    return parse_thai_date(raw)


class ThaiDateInput(forms.TextInput):
    """A date as Thai readers write it ("31 มีนาคม 2567"; in English "31 March 2024")."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": "31/03/2567",
            "autocomplete": "off",
            "class": "date-be",
            "size": "16",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if (get_language() or "th").startswith("en"):
                return english_date(value)
            return thai_date(value)
        return super().format_value(value)


def _date_to_python(self: forms.DateField, value: Any) -> dt.date | None:
    if value in self.empty_values:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_form_date(str(value))
    except (ValueError, OverflowError):
        raise ValidationError(UNREADABLE_DATE, code="invalid") from None


def _integer_range(queryset: models.QuerySet[Any], key: str) -> tuple[int | None, int | None]:
    """The range of the key column when it is an integer column; (None, None) otherwise."""
    meta = queryset.model._meta
    model_field = meta.pk if key == "pk" else meta.get_field(key)
    while model_field is not None and model_field.is_relation:
        model_field = getattr(model_field, "target_field", None)
    if not isinstance(model_field, models.IntegerField):
        return None, None
    ops = connections[queryset.db].ops
    try:
        return ops.integer_field_range(model_field.get_internal_type())
    except KeyError:  # an integer type the backend does not list: no range to hold it to
        return None, None


def _out_of_range(field: forms.ModelChoiceField[Any], value: object) -> bool:
    if field.queryset is None or isinstance(value, models.Model) or value in field.empty_values:
        return False
    low, high = _integer_range(field.queryset, field.to_field_name or "pk")
    if low is None and high is None:
        return False
    try:
        number = int(str(value).strip())
    except ValueError:
        return False  # not a number at all: Django's own checks refuse it
    return (low is not None and number < low) or (high is not None and number > high)


def _invalid_choice(field: forms.ModelChoiceField[Any], value: object) -> ValidationError:
    return ValidationError(
        field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
    )


def install() -> None:
    """Patch Django's field classes once (idempotent)."""
    if getattr(forms.CharField, _INSTALLED_MARK, False):
        return
    setattr(forms.CharField, _INSTALLED_MARK, True)

    char_to_python: Callable[[forms.CharField, Any], Any] = forms.CharField.to_python
    char_bound_data = forms.CharField.bound_data

    def to_python(self: forms.CharField, value: Any) -> Any:
        value = char_to_python(self, value)
        if isinstance(value, str) and value:
            value = _check_text(self, value)
        return value

    def bound_data(self: forms.CharField, data: Any, initial: Any) -> Any:
        data = char_bound_data(self, data, initial)
        return without_refused_characters(data) if isinstance(data, str) else data

    forms.CharField.to_python = to_python  # type: ignore[method-assign]
    forms.CharField.bound_data = bound_data  # type: ignore[method-assign,assignment]

    integer_validate = forms.IntegerField.validate

    def integer_validate_in_range(self: forms.IntegerField, value: Any) -> None:
        integer_validate(self, value)
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = INTEGER_FIELD_RANGE
            if self.max_value is None and value > high:
                raise ValidationError(
                    MaxValueValidator.message, code="max_value", params={"limit_value": high}
                )
            if self.min_value is None and value < low:
                raise ValidationError(
                    MinValueValidator.message, code="min_value", params={"limit_value": low}
                )

    forms.IntegerField.validate = integer_validate_in_range  # type: ignore[method-assign,assignment]

    # Every date field reads and shows Buddhist-era dates (the class attribute is the widget a
    # field gets when it is not given one, so ModelForm's date fields get it too).
    forms.DateField.widget = ThaiDateInput
    forms.DateField.to_python = _date_to_python  # type: ignore[method-assign]

    choice_to_python = forms.ModelChoiceField.to_python
    check_values = forms.ModelMultipleChoiceField._check_values  # type: ignore[attr-defined]

    def model_choice_to_python(self: forms.ModelChoiceField[Any], value: Any) -> Any:
        if _out_of_range(self, value):
            raise _invalid_choice(self, value)
        return choice_to_python(self, value)

    def model_multiple_check_values(
        self: forms.ModelMultipleChoiceField[Any], value: Iterable[Any]
    ) -> Any:
        if isinstance(value, list | tuple | set | frozenset):
            for item in value:
                if not isinstance(item, list | dict) and _out_of_range(self, item):
                    raise _invalid_choice(self, item)
        return check_values(self, value)

    forms.ModelChoiceField.to_python = model_choice_to_python  # type: ignore[method-assign]
    forms.ModelMultipleChoiceField._check_values = model_multiple_check_values  # type: ignore[attr-defined]

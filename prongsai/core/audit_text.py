"""Audit entries as sentences for people (item history, the unit's audit log).

Each app registers one describer per audit action it writes, in an ``audit_texts.py`` module
beside its services (found by :func:`describe` the first time it runs, like Django admin's
``admin.py``): a sentence (a lazy translation that may use ``%(object)s``) or a function of the
entry. The labels of the fields its entries record, and of coded values (states, results, roles),
are registered there too. An action nobody registered gets a generic sentence, never its key.

:func:`details` turns an entry's recorded changes into (label, text) pairs: dates in the Buddhist
era, coded values by their labels, ids left out (a UUID says nothing to a reader).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .models import AuditEntry
from .thai_dates import english_date, thai_date

Describer = Callable[[AuditEntry], str]
Text = str | Promise

_ACTIONS: dict[str, Describer] = {}
_FIELDS: dict[str, Text] = {}
_VALUES: dict[str, dict[str, Text]] = {}
_RESOLVERS: dict[str, Callable[[str], str]] = {}
_discovered = False
_discovering = threading.Lock()

UUID_RE = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_ISO_DATE_IN = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# "O10.1 result": a criterion's field (the criterion code, then the field)
_CRITERION_KEY = re.compile(r"^(?P<code>[A-Z]+\d+(?:\.\d+)*) (?P<field>.+)$")

GENERIC = gettext_lazy("A change was recorded")


def register_action(action: str, text: Text | Describer) -> None:
    """One describer per action: a sentence (``%(object)s`` = the entry's object) or a function."""
    if action in _ACTIONS:
        raise ValueError(f"audit action {action!r} already has a describer")
    if callable(text) and not isinstance(text, Promise):
        _ACTIONS[action] = text
    else:
        sentence = text

        def describer(entry: AuditEntry) -> str:
            text = str(sentence)
            if "%(object)s" in text:
                return text % {"object": object_text(entry)}
            return text

        _ACTIONS[action] = describer


def register_fields(labels: Mapping[str, Text]) -> None:
    """Labels of recorded change keys (shared: the same key means the same thing everywhere)."""
    _FIELDS.update(labels)


def register_values(field: str, labels: Mapping[str, Text] | Callable[[str], str]) -> None:
    """Labels of a field's coded values (e.g. ``state``: ``returned`` → "ส่งกลับให้แก้ไข"), or a
    function giving them (roles come from the role registry)."""
    if callable(labels):
        _RESOLVERS[field] = labels
    else:
        _VALUES.setdefault(field, {}).update(labels)


def _discover() -> None:
    """Import every app's ``audit_texts`` once (the first reader waits for all of them)."""
    global _discovered
    if _discovered:
        return
    with _discovering:
        if not _discovered:
            autodiscover_modules("audit_texts")
            _discovered = True


def registered_actions() -> set[str]:
    _discover()
    return set(_ACTIONS)


def describe(entry: AuditEntry) -> str:
    """The entry as one sentence in the active language."""
    _discover()
    describer = _ACTIONS.get(entry.action)
    if describer is None:
        return str(GENERIC)
    return describer(entry)


def _field_label(key: str) -> str:
    label = _FIELDS.get(key)
    if label is not None:
        return str(label)
    match = _CRITERION_KEY.match(key)
    if match and match["field"] in _FIELDS:
        return f"{match['code']} {_FIELDS[match['field']]}"
    return key.replace("_", " ")


def _field_of(key: str) -> str:
    match = _CRITERION_KEY.match(key)
    return match["field"] if match and key not in _FIELDS else key


def _date_text(day: dt.date) -> str:
    if (get_language() or "th").startswith("en"):
        return english_date(day)
    return thai_date(day, short=True)


def value_text(field: str, value: Any) -> str | None:
    """A recorded value as a reader sees it; ``None`` when it is an id (left out)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        parts = [value_text(field, v) for v in value]
        shown = [p for p in parts if p is not None]
        if not shown:
            return None
        return ", ".join(shown)
    if isinstance(value, dict):
        return _("(%(count)s values)") % {"count": len(value)}
    text = str(value)
    labels = _VALUES.get(_field_of(field))
    if labels and text in labels:
        return str(labels[text])
    resolver = _RESOLVERS.get(_field_of(field))
    if resolver is not None:
        return resolver(text)
    if UUID_RE.fullmatch(text):
        return None
    if ISO_DATETIME_RE.match(text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return UUID_RE.sub("…", text)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{_date_text(moment.date())} {moment:%H:%M}"
    if ISO_DATE_RE.match(text):
        try:
            return _date_text(dt.date.fromisoformat(text))
        except ValueError:
            return text
    return _ISO_DATE_IN.sub(_embedded_date, UUID_RE.sub("…", text))


def _embedded_date(match: re.Match[str]) -> str:
    try:
        return _date_text(dt.date.fromisoformat(match[0]))
    except ValueError:
        return match[0]


def object_text(entry: AuditEntry) -> str:
    """What the entry is about, without ids and with dates as readers write them."""
    return _ISO_DATE_IN.sub(_embedded_date, UUID_RE.sub("…", entry.object_repr))


def details(entry: AuditEntry) -> list[tuple[str, str]]:
    """The entry's changes as (label, text) pairs; ``old → new`` for a change of value."""
    out: list[tuple[str, str]] = []
    for key, value in (entry.changes or {}).items():
        if key == "id":
            continue
        if isinstance(value, list) and len(value) == 2 and key not in _LIST_FIELDS:
            old, new = value_text(key, value[0]), value_text(key, value[1])
            if (old or "—") == "—" and (new or "—") == "—":
                continue  # ids on both sides, or nothing before and after
            text = f"{old or '—'} → {new or '—'}"
        else:
            shown = value_text(key, value)
            if shown is None:
                continue
            text = shown
        out.append((_field_label(key), text))
    return out


# Keys whose value is a list of items rather than an [old, new] pair.
_LIST_FIELDS: set[str] = {"links", "photos", "responsible_users"}


def register_list_fields(*keys: str) -> None:
    _LIST_FIELDS.update(keys)

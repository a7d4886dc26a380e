"""Template filters for Thai dates and digits. Loaded as a builtin (settings.TEMPLATES)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import get_language

from prongsai.core import thai_dates
from prongsai.core.audit_text import describe, details, object_text
from prongsai.core.models import AuditEntry

register = template.Library()


@register.filter
def thai_date(value: dt.date | dt.datetime | None, arg: str = "") -> str:
    """``{{ d|thai_date }}`` → 25 มกราคม 2567; ``{{ d|thai_date:"short" }}`` → 25 ม.ค. 67.

    In the English interface the date is written in English with the Christian era.
    """
    if value in (None, ""):
        return ""
    if (get_language() or "th").startswith("en"):
        return thai_dates.english_date(value)
    return thai_dates.thai_date(value, short=arg == "short")


@register.filter
def thai_digits(value: object) -> str:
    return thai_dates.thai_digits(value)


@register.filter
def fiscal_year(value: dt.date | dt.datetime) -> int:
    return thai_dates.fiscal_year(value)


@register.filter
def be_year(value: int) -> int:
    """A Christian-era year number to Buddhist era."""
    return thai_dates.be_year(int(value))


@register.filter
def localized(value: object, field: str = "title") -> str:
    """``{{ item|localized:"title" }}`` picks ``title_th`` or ``title_en`` for the UI language.

    Framework content carries its own Thai and English text; English falls back to Thai.
    """
    lang = (get_language() or "th")[:2]
    if lang == "en":
        text = getattr(value, f"{field}_en", "") or getattr(value, f"{field}_th", "")
    else:
        text = getattr(value, f"{field}_th", "") or getattr(value, f"{field}_en", "")
    return str(text)


@register.filter
def percent(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:.{int(digits)}f}%"


@register.filter
def as_change(value: object) -> dict[str, object]:
    """An audit ``changes`` value: ``[old, new]`` for an update, a plain value otherwise."""
    if isinstance(value, list) and len(value) == 2:
        return {"pair": True, "old": value[0], "new": value[1]}
    return {"pair": False, "value": value}


@register.filter
def text_lang(value: object) -> str:
    """A framework ``Text`` (th/en) in the UI language."""
    getter = getattr(value, "get", None)
    if getter is None:
        return "" if value is None else str(value)
    return str(getter(get_language() or "th"))


@register.filter
def score(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{int(digits)}f}"


@register.filter
def bar_value(value: float | None) -> str:
    """A 0–100 value clamped for ``<progress max="100">`` (our CSP forbids inline widths)."""
    if value is None:
        return "0"
    return f"{max(0.0, min(100.0, float(value))):.1f}"


@register.filter
def audit_sentence(entry: AuditEntry) -> str:
    """The audit entry as a sentence (its action's describer, or a generic one)."""
    return describe(entry)


@register.filter
def audit_details(entry: AuditEntry) -> list[tuple[str, str]]:
    """The entry's recorded changes as (label, text) pairs for readers."""
    return details(entry)


@register.filter
def audit_object(entry: AuditEntry) -> str:
    """What the entry is about, without ids."""
    return object_text(entry)

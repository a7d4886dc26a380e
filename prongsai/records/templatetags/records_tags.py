"""``{% records_freshness unit year as calendars %}``: the records' publication calendar for the
dashboard (on time / late / missing per kind)."""

from __future__ import annotations

from typing import Any

from django import template

from ..calendar import records_calendar

register = template.Library()


@register.simple_tag
def records_freshness(unit: Any, year: int) -> list[Any]:
    return records_calendar(unit, int(year))

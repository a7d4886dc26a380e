"""One sentence per audit action of ``publications/services.py``, and labels of its fields."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.audit_text import register_action, register_fields, register_values

from .periods import PeriodError, period_label
from .registry import series_for


def _series(name: str) -> str:
    try:
        return str(series_for(name).title)
    except LookupError:
        return name


def _period(code: str) -> str:
    # A month names its own year; a quarter, a half or the year reads the same in any year.
    year = 2500
    if len(code) == 7 and code[4] == "-" and code[:4].isdigit():
        year = int(code[:4]) + (1 if int(code[5:]) >= 10 else 0)
    try:
        return period_label(year, code) if code[:1].isdigit() else _period_name(code)
    except PeriodError:
        return code


def _period_name(code: str) -> str:
    if code == "year":
        return _("the whole fiscal year")
    if code.startswith("q"):
        return _("quarter %(number)s") % {"number": code[1:]}
    return _("first half") if code == "h1" else _("second half")


register_action("publication.publish", gettext_lazy("Documents published"))
register_fields(
    {
        "series": gettext_lazy("Series"),
        "published_period": gettext_lazy("Period"),
        "formats": gettext_lazy("Formats"),
    }
)
register_values("series", _series)
register_values("published_period", _period)
